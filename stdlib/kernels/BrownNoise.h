// BrownNoise(): per-lane state.
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::brownnoise {

struct State {
  uint32_t generator;  // xorshift32 state, never 0
  float y;             // the integrator's output y[n-1]
  float leak;          // the integrator's pole, exp(-2π fc / sr)
  float gain;          // white noise gain for the target level
};

}  // namespace patchc::kernel::brownnoise

PATCHC_OBJECT(BrownNoise) {
  using namespace patchc;
  using namespace patchc::declare;
  spec.doc = "A brown noise generator: power falls 6 dB per octave (leaky-integrated white noise).";
  spec.facts = oscillatorFacts(0.4f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::brownnoise::State);
  spec.generator = true;
  spec.algorithm =
      "white noise through a leaky integrator (pole at 12 Hz), RMS 0.44, per-lane xorshift32 "
      "seeded like `Noise`";
  spec.differences =
      "a different generator; level and −6 dB/octave slope as pyo (measured RMS 0.438, "
      "corner ≈ 11 Hz)";
}
