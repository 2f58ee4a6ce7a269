// TrigChoice(input, choice, port, init): on each sample where the input is exactly 1 (a trigger), picks
// list[trunc(u·count)], u uniform in [0, 1) (RandomClock.h's generator per lane, seeded like Noise: every number
// equally likely, as pyo 1.0.4's, measured: 3350, 3296 and 3355 picks of [1, 2, 7] in 10001), and glides to it
// (TriggeredValue.h); init until the first trigger.
#include "stdlib/kernels/TrigChoice.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/RandomClock.h"

using namespace patchc::kernel;
using namespace patchc::kernel::trigchoice;

PATCHC_KERNEL_INIT(TrigChoice) {
  auto* state = static_cast<triggered::State*>(state_);
  state->current = state->target = in[kInit].value();
  state->step = 0.0f;
  state->count = 0;
  state->generator = randomclock::generatorFromSeed(seed);
}

PATCHC_KERNEL_PROCESS(TrigChoice) {
  auto* state = static_cast<triggered::State*>(state_);
  const int32_t steps = triggered::glideSamples(in[kPort].value(), env);
  const float* numbers = in[kChoice].p;
  const int count = in[kChoice].count();
  for (int i = 0; i < n; ++i) {
    if (in[kInput][i] == 1.0f && count > 0) {
      int index = static_cast<int>(randomclock::uniform(state->generator) * static_cast<float>(count));
      if (index >= count) index = count - 1;  // u·count can round up to count for a long list
      triggered::retarget(*state, numbers[index], steps);
    }
    out[i] = triggered::glide(*state, steps);
  }
}
