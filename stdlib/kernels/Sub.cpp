// Sub(a, b): a - b, the elaborator's op for pyo's signal arithmetic. Stateless.
#include "stdlib/kernels/Sub.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::sub;

PATCHC_KERNEL_INIT(Sub) {}

PATCHC_KERNEL_PROCESS(Sub) {
  for (int i = 0; i < n; ++i) out[i] = in[kA][i] - in[kB][i];
}
