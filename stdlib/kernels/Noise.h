// Noise(): per-lane state.
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::noise {

struct State {
  uint32_t generator;  // xorshift32 state, never 0
};

}  // namespace patchc::kernel::noise

PATCHC_OBJECT(Noise) {
  using namespace patchc;
  using namespace patchc::declare;
  spec.doc = "A white noise generator, uniform in [-1, 1).";
  spec.facts = oscillatorFacts(0.3f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::noise::State);
  spec.generator = true;
  spec.facts.outputRange = always({-1.0f, 1.0f});
  spec.facts.shareableNoise = true;
  spec.algorithm = "xorshift32 per lane, uniform in [-1, 1)";
  spec.differences = "a different generator: same statistics, different samples";
}
