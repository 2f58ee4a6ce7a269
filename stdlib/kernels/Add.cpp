// Add(a, b): a + b, the elaborator's op for pyo's signal arithmetic. Stateless.
#include "stdlib/kernels/Add.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::add;

PATCHC_KERNEL_INIT(Add) {}

PATCHC_KERNEL_PROCESS(Add) {
  for (int i = 0; i < n; ++i) out[i] = in[kA][i] + in[kB][i];
}
