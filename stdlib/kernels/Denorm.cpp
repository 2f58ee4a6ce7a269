// Denorm(input): input + 1e-24 · u, u uniform in [-1, 1) from a per-lane xorshift32 seeded by the compiler (as
// Noise). pyo 1.0.4 adds the same magnitude (measured: Denorm(Sig(0)) is uniform in ±1e-24). The noise keeps
// recursive filters and reverbs fed by silence out of subnormal numbers on machines without flush-to-zero;
// patchc's runtime flushes to zero, so the denorm-elide pass removes Denorm.
#include "stdlib/kernels/Denorm.h"
#include "stdlib/Kernel.h"
#include "stdlib/kernels/Noise.h"

using namespace patchc::kernel;
using namespace patchc::kernel::denorm;

namespace {
constexpr float kDenormNoise = 1e-24f;
}

PATCHC_KERNEL_INIT(Denorm) { static_cast<noise::State*>(state_)->generator = seed != 0 ? seed : 0x9E3779B9u; }

PATCHC_KERNEL_PROCESS(Denorm) {
  auto* state = static_cast<noise::State*>(state_);
  uint32_t generator = state->generator;
  for (int i = 0; i < n; ++i) out[i] = in[kInput][i] + kDenormNoise * whiteNoise(generator);
  state->generator = generator;
}
