// Randi(min, max, freq): on each sample where the clock (RandomClock.h) wraps, the line's end becomes its start
// and a new end min + (max − min)·u is drawn (u uniform in [0, 1)); each sample outputs start + (end − start)·t,
// t the clock's phase in [0, 1). pyo 1.0.4 (measured): the first sample draws, and the first line starts at
// (min + max)/2; a line lasts sr/freq samples and reaches its end on the next draw's sample.
#include "stdlib/kernels/Randi.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::randi;

PATCHC_KERNEL_INIT(Randi) {
  auto* state = static_cast<randi::State*>(state_);
  randomclock::start(state->clock, seed);
  state->started = false;
  state->from = state->to = 0.0f;
}

PATCHC_KERNEL_PROCESS(Randi) {
  auto* state = static_cast<randi::State*>(state_);
  if (!state->started) {
    state->started = true;
    state->from = state->to = 0.5f * (in[kMin][0] + in[kMax][0]);
  }
  float from = state->from, to = state->to;
  for (int i = 0; i < n; ++i) {
    if (randomclock::tick(state->clock, in[kFreq][i], env)) {
      from = to;
      to = randomclock::between(in[kMin][i], in[kMax][i], randomclock::uniform(state->clock));
    }
    // from + (to − from)·t, kept within [from, to] against rounding (the declared range relies on it).
    const float t = static_cast<float>(state->clock.time);
    out[i] = randomclock::between(from, to, t);
  }
  state->from = from;
  state->to = to;
}
