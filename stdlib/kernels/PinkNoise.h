// PinkNoise(): pink noise, power falling 3 dB per octave (PinkNoise.cpp): per-lane state and declaration.
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::pinknoise {

constexpr int kPoles = 6;

struct State {
  uint32_t generator;    // xorshift32 state, never 0
  float pole[kPoles];    // the six one-pole filters' outputs
  float delayed;         // the one-sample-delayed input term
};

// The largest |output|: the sum of the filters' impulse responses' absolute sums at the largest input, 0.99 (each
// filter's gain·0.99/(1 − |pole|), the direct and delayed terms, times the output gain 0.2). A true bound, loose
// because it needs the input at ±0.99 for thousands of samples; pyo measured peaks near ±1.6, RMS 0.351.
constexpr float kBound = 13.7f;

}  // namespace patchc::kernel::pinknoise

PATCHC_OBJECT(PinkNoise) {
  using namespace patchc;
  using namespace patchc::declare;
  spec.doc = "A pink noise generator: power falls 3 dB per octave.";
  spec.facts = oscillatorFacts(1.0f);
  spec.facts.deterministic = false;
  spec.facts.outputRange = always({-kernel::pinknoise::kBound, kernel::pinknoise::kBound});
  spec.stateBytes = sizeof(kernel::pinknoise::State);
  spec.generator = true;
  spec.algorithm =
      "Paul Kellet's refined pink filter (six one-pole filters in parallel, a direct and a delayed term) on "
      "white noise uniform in [−0.99, 0.99), per-lane xorshift32 seeded like `Noise`, times 0.2";
  spec.differences = "a different generator: the same filter, so the same level and slope (measured: RMS 0.351)";
}
