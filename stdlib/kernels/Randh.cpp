// Randh(min, max, freq): on each sample where the clock (RandomClock.h) wraps, draws min + (max − min)·u with u
// uniform in [0, 1), and holds it. pyo 1.0.4 (measured): the first sample draws, then one draw every sr/freq
// samples; the held values are uniform over [min, max).
#include "stdlib/kernels/Randh.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::randh;

PATCHC_KERNEL_INIT(Randh) {
  auto* state = static_cast<randh::State*>(state_);
  randomclock::start(state->clock, seed);
  state->started = false;
  state->value = 0.0f;
}

PATCHC_KERNEL_PROCESS(Randh) {
  auto* state = static_cast<randh::State*>(state_);
  if (!state->started) {
    state->started = true;
    state->value = 0.5f * (in[kMin][0] + in[kMax][0]);  // pyo's value before a draw (a negative freq never draws)
  }
  float value = state->value;
  for (int i = 0; i < n; ++i) {
    if (randomclock::tick(state->clock, in[kFreq][i], env)) {
      value = randomclock::between(in[kMin][i], in[kMax][i], randomclock::uniform(state->clock));
    }
    out[i] = value;
  }
  state->value = value;
}
