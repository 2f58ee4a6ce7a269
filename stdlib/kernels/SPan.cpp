// SPan: the input shared by the two channels around the position, with equal-power gains √(1 − f) and √f
// (SPan.h's algorithm), sample by sample.
#include "stdlib/kernels/SPan.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::span;

namespace {
// NaN-safe clip to [0, 1]: NaN counts as 0.
inline float unit(float v) { return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f; }
}  // namespace

PATCHC_KERNEL_INIT(SPan) {}

PATCHC_KERNEL_PROCESS_OUTPUTS(SPan) {
  const float outsValue = in[kOuts].value();
  const int outs = outsValue >= static_cast<float>(patchc::declare::kMostCountedOutputs)
                       ? patchc::declare::kMostCountedOutputs
                       : (outsValue >= 1.0f ? static_cast<int>(outsValue) : 1);
  if (outs == 1) {
    for (int i = 0; i < n; ++i) out[0][i] = in[kInput][i];
    return;
  }
  if (outs == 2) {
    float* left = out[0];
    float* right = out[1];
    for (int i = 0; i < n; ++i) {
      const float p = unit(in[kPan][i]);
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
    const float f = unit((pan - static_cast<float>(k) / count) * count);
    const float x = in[kInput][i];
    for (int j = 0; j < outs; ++j) out[j][i] = 0.0f;
    out[k][i] = x * std::sqrt(1.0f - f);
    out[next][i] += x * std::sqrt(f);
  }
}
