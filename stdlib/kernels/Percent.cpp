// Percent(input, percent): on each sample where the input is exactly 1 (a trigger), a uniform draw u in [0, 1)
// (RandomClock.h's generator, per lane, seeded like Noise) lets it through when 100·u ≤ percent, as pyo 1.0.4
// compares (so 0 % passes none, barring u = 0; 100 % all). Only triggers draw: the number of draws is the number
// of triggers, whatever the block size.
#include "stdlib/kernels/Percent.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/RandomClock.h"

using namespace patchc::kernel;
using namespace patchc::kernel::percent;

PATCHC_KERNEL_INIT(Percent) {
  static_cast<percent::State*>(state_)->generator = randomclock::generatorFromSeed(seed);
}

PATCHC_KERNEL_PROCESS(Percent) {
  auto* state = static_cast<percent::State*>(state_);
  uint32_t generator = state->generator;
  for (int i = 0; i < n; ++i) {
    float y = 0.0f;
    if (in[kInput][i] == 1.0f && randomclock::uniform(generator) * 100.0f <= in[kPercent][i]) y = 1.0f;
    out[i] = y;
  }
  state->generator = generator;
}
