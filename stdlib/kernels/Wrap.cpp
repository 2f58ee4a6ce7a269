// Wrap(input, min, max): wrap::apply per sample (Wrap.h).
#include "stdlib/kernels/Wrap.h"

using namespace patchc::kernel;
using namespace patchc::kernel::wrap;

PATCHC_KERNEL_INIT(Wrap) {}

PATCHC_KERNEL_PROCESS(Wrap) {
  for (int i = 0; i < n; ++i) out[i] = apply(in[kInput][i], in[kMin][i], in[kMax][i]);
}
