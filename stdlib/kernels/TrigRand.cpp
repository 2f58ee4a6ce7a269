// TrigRand(input, min, max, port, init): on each sample where the input is exactly 1 (a trigger), draws
// min + (max − min)·u, u uniform in [0, 1) (RandomClock.h's generator per lane, seeded like Noise: pyo 1.0.4's
// distribution, measured: 10001 draws of min 2, max 5 had mean 3.508 and variance 0.747, uniform's 3.5 and 0.75),
// and glides to it (TriggeredValue.h); init until the first trigger.
#include "stdlib/kernels/TrigRand.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/RandomClock.h"

using namespace patchc::kernel;
using namespace patchc::kernel::trigrand;

PATCHC_KERNEL_INIT(TrigRand) {
  auto* state = static_cast<triggered::State*>(state_);
  state->current = state->target = in[kInit].value();
  state->step = 0.0f;
  state->count = 0;
  state->generator = randomclock::generatorFromSeed(seed);
}

PATCHC_KERNEL_PROCESS(TrigRand) {
  auto* state = static_cast<triggered::State*>(state_);
  const int32_t steps = triggered::glideSamples(in[kPort].value(), env);
  for (int i = 0; i < n; ++i) {
    if (in[kInput][i] == 1.0f) {
      const float u = randomclock::uniform(state->generator);
      triggered::retarget(*state, randomclock::between(in[kMin][i], in[kMax][i], u), steps);
    }
    out[i] = triggered::glide(*state, steps);
  }
}
