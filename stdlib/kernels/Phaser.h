// Phaser(input, freq, spread, q, feedback, num): per-lane state. `num` (Constant) stages follow the struct.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace patchc::kernel::phaser {

// The recursion runs in double: a chain of up to 256 high-Q allpasses with feedback amplifies float32 rounding
// to ~5e-4 of full scale (measured with 48 stages at 100 Hz, q=10, feedback 0.9), enough for two orderings of the
// same exact math (pyo's 50 Phasers and their mixdown) to differ audibly in a null test. Doubles cost nothing
// here: each stage depends on the previous one, so the stages are serial either way.
struct Stage {
  double x1, x2, y1, y2;
};

// The state of a lane: its stages, then the allpass coefficients of every stage, c[count] then d[count], for
// A(z) = (c + d z^-1 + z^-2) / (1 + d z^-1 + c z^-2). They are computed per block when freq, spread and q are
// constants and per sample when one is a signal; lanes that share those inputs all read lane 0's. Kept in the
// state, so that lanes with different parameters compute them once per block and still run side by side.
struct State {
  int stageCount;
  double lastOutput;  // y[n-1], fed back into the chain
  // Stage stages[stageCount] follows, then double c[stageCount], d[stageCount].
};

constexpr int kMaxStages = 256;

// The number of stages for a `num` value (pyo's int(num), at least 1). NaN (num not constant) gives pyo's 8.
inline int stageCount(float num) {
  if (!(num == num)) return 8;
  int count = static_cast<int>(num < 1.0f ? 1.0f : (num > kMaxStages ? kMaxStages : num));
  return count;
}

inline uint64_t laneBytes(float num) {
  return sizeof(State) + (sizeof(Stage) + 2 * sizeof(double)) * static_cast<size_t>(stageCount(num));
}

enum Input { kInput, kFreq, kSpread, kQ, kFeedback, kNum };

}  // namespace patchc::kernel::phaser

PATCHC_OBJECT(Phaser) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::phaser;
  spec.doc = "A phase shifter: num cascaded second-order allpass filters.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFreq, signal("freq", 1000.0f, "centre frequency of the first notch in Hz"));
  spec.input(kSpread, signal("spread", 1.1f, "spreading factor for upper notch frequencies"));
  spec.input(kQ, signal("q", 10.0f, "Q of each notch: centre frequency / bandwidth"));
  spec.input(kFeedback, signal("feedback", 0.0f, "amount of output fed back into the chain, -1..1"));
  spec.input(kNum, within(constant("num", 8.0f, "number of allpass stages (notches), read at init only"),
                          stagesInSeries(kernel::phaser::kMaxStages, "the input passes through, with the feedback")));
  spec.facts = filterFacts(8.0f);
  spec.stateBytesFor = [](const ConstantInputs& constants, double) {
    return kernel::phaser::laneBytes(constants[kNum]);
  };
  spec.algorithm =
      "`num` RBJ allpasses at `freq·spread^k`, Q = `q`; input + `feedback`·y[n-1] into the "
      "chain; the output is the chain alone, as pyo's";
  spec.differences =
      "**pyo computes stage coefficients from the stage number, so its `freq` barely moves "
      "the notches; patchc follows the documentation.** feedback is clipped to ±0.999 (pyo: ±1, where it grows "
      "without bound)";
}
