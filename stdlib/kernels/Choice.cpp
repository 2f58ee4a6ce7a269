// Choice(choice, freq): on each sample where the clock (RandomClock.h) wraps, picks list[trunc(u·count)], u
// uniform in [0, 1), every number equally likely, and holds it. pyo 1.0.4 (measured): the first sample picks,
// then one pick every sr/freq samples. An empty list outputs 0.
#include "stdlib/kernels/Choice.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::choice;

PATCHC_KERNEL_INIT(Choice) {
  auto* state = static_cast<choice::State*>(state_);
  randomclock::start(state->clock, seed);
  state->value = 0.0f;
}

PATCHC_KERNEL_PROCESS(Choice) {
  auto* state = static_cast<choice::State*>(state_);
  const float* numbers = in[kChoice].p;
  const int count = in[kChoice].count();
  float value = state->value;
  for (int i = 0; i < n; ++i) {
    if (randomclock::tick(state->clock, in[kFreq][i], env) && count > 0) {
      int index = static_cast<int>(randomclock::uniform(state->clock) * static_cast<float>(count));
      if (index >= count) index = count - 1;  // u·count can round up to count for a long list
      value = numbers[index];
    }
    out[i] = value;
  }
  state->value = value;
}
