// Degrade(input, bitdepth, srscale): bit reduction and sample-and-hold decimation, as pyo 1.0.4.
#include "stdlib/kernels/Degrade.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::degrade;

PATCHC_KERNEL_INIT(Degrade) {
  auto* state = static_cast<degrade::State*>(state_);
  state->value = 0.0f;
  state->count = 0;
}

PATCHC_KERNEL_PROCESS(Degrade) {
  auto* state = static_cast<degrade::State*>(state_);
  // pyo: nsamps = (int)(sr / (sr·srscale)), once per block.
  const float scale = clampf(in[kSrscale][0], 0.0009765625f, 1.0f);
  const int hold = static_cast<int>(env->sampleRate / (env->sampleRate * scale));
  float value = state->value;
  int count = state->count;
  for (int i = 0; i < n; ++i) {
    if (++count >= hold) {
      count = 0;
      const float levels = std::exp2(clampf(in[kBitdepth][i], 1.0f, 32.0f) - 1.0f);
      value = std::trunc(in[kInput][i] * levels + 0.5f) * (1.0f / levels);
    }
    out[i] = value;
  }
  state->value = value;
  state->count = count;
}
