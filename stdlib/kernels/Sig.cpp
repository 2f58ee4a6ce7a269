// Sig(value): outputs its value input.
#include "stdlib/kernels/Sig.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::sig;

PATCHC_KERNEL_INIT(Sig) {}

PATCHC_KERNEL_PROCESS(Sig) {
  for (int i = 0; i < n; ++i) out[i] = in[kValue][i];
}
