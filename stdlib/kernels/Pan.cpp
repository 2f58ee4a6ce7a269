// Pan: each output is the input times its channel's gain, sample by sample (gains: Pan.h's algorithm). With a
// constant pan and spread, LLVM hoists the gains out of the loop once the kernel is inlined.
#include "stdlib/kernels/Pan.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::pan;

PATCHC_KERNEL_INIT(Pan) {}

PATCHC_KERNEL_PROCESS_OUTPUTS(Pan) {
  const int outs = patchc::declare::countedOutputs(in[kOuts].value());
  if (outs == 1) {
    for (int i = 0; i < n; ++i) out[0][i] = in[kInput][i];
    return;
  }
  if (outs == 2) {
    float* left = out[0];
    float* right = out[1];
    for (int i = 0; i < n; ++i) {
      const float angle = clampUnit(in[kPan][i]) * (0.5f * kPi);
      const float x = in[kInput][i];
      left[i] = x * std::cos(angle);
      right[i] = x * std::sin(angle);
    }
    return;
  }
  const float inverseOuts = 1.0f / static_cast<float>(outs);
  for (int j = 0; j < outs; ++j) {
    float* channel = out[j];
    const float centre = static_cast<float>(j) * inverseOuts;
    for (int i = 0; i < n; ++i) {
      const float exponent = 20.1f - 20.0f * std::sqrt(clampUnit(in[kSpread][i]));
      const float closeness = 0.5f + 0.5f * std::cos((clampUnit(in[kPan][i]) - centre) * kTwoPi);
      channel[i] = in[kInput][i] * std::pow(closeness, exponent);
    }
  }
}
