// Max(input, comp): maximum::apply per sample (Max.h).
#include "stdlib/kernels/Max.h"

using namespace patchc::kernel;
using namespace patchc::kernel::maximum;

PATCHC_KERNEL_INIT(Max) {}

PATCHC_KERNEL_PROCESS(Max) {
  for (int i = 0; i < n; ++i) out[i] = apply(in[kInput][i], in[kComp][i]);
}
