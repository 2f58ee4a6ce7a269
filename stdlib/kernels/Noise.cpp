// Noise(): white noise, uniform in [-1, 1), from a per-lane xorshift32 generator seeded by the compiler.
#include "stdlib/kernels/Noise.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Noise) { static_cast<noise::State*>(state_)->generator = seed != 0 ? seed : 0x9E3779B9u; }

PATCHC_KERNEL_PROCESS(Noise) {
  auto* state = static_cast<noise::State*>(state_);
  uint32_t generator = state->generator;
  for (int i = 0; i < n; ++i) out[i] = whiteNoise(generator);
  state->generator = generator;
}
