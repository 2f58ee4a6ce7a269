// Min(input, comp): minimum::apply per sample (Min.h).
#include "stdlib/kernels/Min.h"

using namespace patchc::kernel;
using namespace patchc::kernel::minimum;

PATCHC_KERNEL_INIT(Min) {}

PATCHC_KERNEL_PROCESS(Min) {
  for (int i = 0; i < n; ++i) out[i] = apply(in[kInput][i], in[kComp][i]);
}
