// Noise(): per-lane state.
#pragma once

#include <cstdint>

namespace patchc::kernel::noise {

struct State {
  uint32_t generator;  // xorshift32 state, never 0
};

}  // namespace patchc::kernel::noise
