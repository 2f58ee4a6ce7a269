// Chorus(input, depth, feedback, bal): per-lane state. The 8 delay lines follow the struct, one after the other.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"

namespace patchc::kernel::chorus {

constexpr int kLineCount = 8;
// pyo 1.0.4's voices at 44.1 kHz: the centre delay and its largest deviation (at depth 1) in samples, and the
// rate in Hz of the sine that moves it. The lines are twice the centre delay, so depth 5 still fits.
constexpr double kCentreDelay[kLineCount] = {384, 450, 489, 553, 591, 662, 753, 785};
constexpr double kDeviation[kLineCount] = {44, 53, 57, 62, 66, 71, 88, 101};
constexpr double kRate[kLineCount] = {1.879, 1.654, 1.342, 1.231, 0.879, 0.657, 0.465, 0.254};
constexpr float kMaxDepth = 5.0f;
// pyo steps each sine in float through a 512-point table: patchc keeps its phase the same way (in units of
// 1/512 cycle, in float), so that the sines drift as pyo's do and the samples stay close to pyo's.
constexpr float kTableSteps = 512.0f;

struct State {
  float phase[kLineCount];  // each voice's sine, in 1/512 cycles (pyo's table steps), in [0, 512)
  int length[kLineCount];    // samples in each line; a guard sample (a copy of the line's first) follows each
  int offset[kLineCount];    // where each line starts, in floats after the struct
  int writeIndex[kLineCount];
  // float lines[totalLength(sr)] follows.
};

inline double rateFactor(float sampleRate) { return static_cast<double>(sampleRate) / 44100.0; }

// pyo rounds twice the centre delay scaled to the rate; at least a few samples, for absurdly low rates.
inline int lineLength(int line, float sampleRate) {
  int length = static_cast<int>(kCentreDelay[line] * rateFactor(sampleRate) * 2.0 + 0.5);
  return length < 4 ? 4 : length;
}

inline uint64_t totalLength(float sampleRate) {
  uint64_t total = 0;
  for (int k = 0; k < kLineCount; ++k) total += static_cast<uint64_t>(lineLength(k, sampleRate)) + 1;
  return total;
}

inline uint64_t laneBytes(float sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), totalLength(sampleRate)));
}

enum Input { kInput, kDepth, kFeedback, kBal };

}  // namespace patchc::kernel::chorus

PATCHC_OBJECT(Chorus) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::chorus;
  spec.doc = "A chorus: 8 delay lines, each moved by its own slow sine.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kDepth, within(signal("depth", 1.0f, "depth of the delays' movement, 0..5"), clampedAsPyo(0.0f, kMaxDepth)));
  spec.input(kFeedback, within(signal("feedback", 0.25f, "amount of each line's output sent back into it, 0..1"),
                               clampedAsPyo(0.0f, 1.0f)));
  spec.input(kBal, within(signal("bal", 0.5f, "balance between dry (0) and wet (1) signal"), clampedAsPyo(0.0f, 1.0f)));
  spec.facts = filterFacts(6.0f);
  spec.facts.timeInvariant = false;  // the delays move with time, whatever the input
  spec.facts.feedsBackThrough = kFeedback;
  spec.stateBytesFor = [](const ConstantInputs&, double sampleRate) {
    return kernel::chorus::laneBytes(static_cast<float>(sampleRate));
  };
  spec.algorithm =
      "8 recursive delay lines (centre delays 384..785 samples at 44.1 kHz, scaled to the rate), each delay "
      "moved by depth·(44..101 samples)·sin(2π·(0.254..1.879 Hz)·t) (a 512-point sine, linearly interpolated), read with linear interpolation, `feedback` "
      "of each line's output written back into it; wet = ¼ of the 8 lines' sum; (1 − bal)·dry + bal·wet";
  spec.differences =
      "as pyo (samples within 1e-3 of pyo's on a sine); the sines are pyo's 512-point table, computed, "
      "their phases stepped in float as pyo's";
}
