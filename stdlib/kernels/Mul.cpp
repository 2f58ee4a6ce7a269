// Mul(a, b): a * b, the elaborator's op for pyo's signal arithmetic. Stateless.
#include "stdlib/kernels/Mul.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::mul;

PATCHC_KERNEL_INIT(Mul) {}

PATCHC_KERNEL_PROCESS(Mul) {
  for (int i = 0; i < n; ++i) out[i] = in[kA][i] * in[kB][i];
}
