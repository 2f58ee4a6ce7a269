// Clip(input, min, max): clip::apply per sample (Clip.h).
#include "stdlib/kernels/Clip.h"

using namespace patchc::kernel;
using namespace patchc::kernel::clip;

PATCHC_KERNEL_INIT(Clip) {}

PATCHC_KERNEL_PROCESS(Clip) {
  for (int i = 0; i < n; ++i) out[i] = apply(in[kInput][i], in[kMin][i], in[kMax][i]);
}
