// Watch: copies its input (Watch.h).
#include "stdlib/kernels/Watch.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::watch;

PATCHC_KERNEL_INIT(Watch) {}

PATCHC_KERNEL_PROCESS(Watch) {
  for (int i = 0; i < n; ++i) out[i] = in[kInput][i];
}
