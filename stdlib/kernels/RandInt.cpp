// RandInt(max, freq): on each sample where the clock (RandomClock.h) wraps, draws u·max truncated toward zero
// (u uniform in [0, 1)): 0 .. max − 1 for a whole max > 0, as pyo 1.0.4 (measured: the first sample draws, then
// one draw every sr/freq samples, every number equally likely).
#include "stdlib/kernels/RandInt.h"

#include "stdlib/Kernel.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::randint;

PATCHC_KERNEL_INIT(RandInt) {
  auto* state = static_cast<randint::State*>(state_);
  randomclock::start(state->clock, seed);
  state->value = 0.0f;
}

PATCHC_KERNEL_PROCESS(RandInt) {
  auto* state = static_cast<randint::State*>(state_);
  float value = state->value;
  for (int i = 0; i < n; ++i) {
    if (randomclock::tick(state->clock, in[kFreq][i], env)) {
      const float max = in[kMax][i];
      // trunc of a product within [0, max): kept in [0, max] against rounding; a non-finite max gives 0.
      value = std::isfinite(max) ? std::trunc(randomclock::between(0.0f, max, randomclock::uniform(state->clock)))
                                 : 0.0f;
    }
    out[i] = value;
  }
  state->value = value;
}
