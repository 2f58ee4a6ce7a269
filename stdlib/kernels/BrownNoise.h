// BrownNoise(): per-lane state.
#pragma once

#include <cstdint>

namespace patchc::kernel::brownnoise {

struct State {
  uint32_t generator;  // xorshift32 state, never 0
  float y;             // the integrator's output y[n-1]
  float leak;          // the integrator's pole, exp(-2π fc / sr)
  float gain;          // white noise gain for the target level
};

}  // namespace patchc::kernel::brownnoise
