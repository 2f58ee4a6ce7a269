// TrigRandInt(input, max): on each sample where the input is exactly 1 (a trigger), trunc(u·max), u uniform in
// [0, 1) (RandomClock.h's generator per lane, seeded like Noise): 0 .. max − 1 for a whole max > 0, each equally
// likely, as pyo 1.0.4 (measured: 10001 draws of max 10 took all of 0 .. 9, mean 4.507, variance 8.22; uniform's
// 4.5 and 8.25). pyo draws once when it is created, so the output before the first trigger is already a draw
// (measured: 294 for max 1000); so does patchc, with the max of its first sample.
#include "stdlib/kernels/TrigRandInt.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/RandomClock.h"

using namespace patchc::kernel;
using namespace patchc::kernel::trigrandint;

namespace {

float draw(uint32_t& generator, float max) {
  const float u = randomclock::uniform(generator);
  return std::isfinite(max) ? std::trunc(randomclock::between(0.0f, max, u)) : 0.0f;
}

}  // namespace

PATCHC_KERNEL_INIT(TrigRandInt) {
  auto* state = static_cast<trigrandint::State*>(state_);
  state->generator = randomclock::generatorFromSeed(seed);
  state->value = 0.0f;
  state->drawn = 0;  // drawn on the first sample, with max as it is then (a signal is not computed at init)
}

PATCHC_KERNEL_PROCESS(TrigRandInt) {
  auto* state = static_cast<trigrandint::State*>(state_);
  float value = state->value;
  uint32_t generator = state->generator;
  if (!state->drawn && n > 0) {
    value = draw(generator, in[kMax][0]);
    state->drawn = 1;
  }
  for (int i = 0; i < n; ++i) {
    if (in[kInput][i] == 1.0f) value = draw(generator, in[kMax][i]);
    out[i] = value;
  }
  state->value = value;
  state->generator = generator;
}
