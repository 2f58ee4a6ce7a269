// Denorm(input): adds noise of magnitude 1e-24 (Denorm.cpp); its state is Noise.h's.
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Noise.h"

namespace patchc::kernel::denorm {
enum Input { kInput };
}

PATCHC_OBJECT(Denorm) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::denorm;
  spec.doc = "Adds noise of magnitude 1e-24 to its input, keeping filters out of subnormal numbers.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.facts.linearInInput = false;  // it adds noise: f(0) is not 0
  spec.facts.deterministic = false;
  spec.facts.cost = 0.3f;
  spec.stateBytes = sizeof(kernel::noise::State);
  spec.facts.denormalGuard = true;
  spec.algorithm = "input + 1e-24·u, u uniform in [−1, 1), per-lane xorshift32";
  spec.differences = "as pyo (measured ±1e-24); removed by denorm-elide since the runtime flushes denormals";
}
