// SPan: the input shared by the two channels around the position, with equal-power gains √(1 − f) and √f
// (SPan.h's algorithm), sample by sample.
#include "stdlib/kernels/SPan.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::span;

PATCHC_KERNEL_INIT(SPan) {}

PATCHC_KERNEL_PROCESS_OUTPUTS(SPan) {
  const int outs = patchc::declare::countedOutputs(in[kOuts].value());
  if (outs == 1) {
    for (int i = 0; i < n; ++i) out[0][i] = in[kInput][i];
    return;
  }
  if (outs == 2) {
    float* left = out[0];
    float* right = out[1];
    for (int i = 0; i < n; ++i) {
      const float p = clampUnit(in[kPan][i]);
      const float x = in[kInput][i];
      left[i] = x * std::sqrt(1.0f - p);
      right[i] = x * std::sqrt(p);
    }
    return;
  }
  const float count = static_cast<float>(outs);
  for (int i = 0; i < n; ++i) {
    const float pan = in[kPan][i];
    // The channel the position has passed last: the largest k with pan > k/N (a NaN passes none: channel 0).
    int k = 0;
    for (int j = outs - 1; j > 0; --j)
      if (pan > static_cast<float>(j) / count) {
        k = j;
        break;
      }
    const int next = k + 1 == outs ? 0 : k + 1;
    const float f = clampUnit((pan - static_cast<float>(k) / count) * count);
    const float x = in[kInput][i];
    for (int j = 0; j < outs; ++j) out[j][i] = 0.0f;
    out[k][i] = x * std::sqrt(1.0f - f);
    out[next][i] += x * std::sqrt(f);
  }
}
