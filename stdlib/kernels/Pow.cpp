// Pow(base, exponent): powf per sample, as pyo computes it (measured with pyo 1.0.4: Pow(Sig(2), 3) = 8,
// Pow(Sig(-2), 0.5) = NaN, Pow(Sig(0), -1) = inf). Stateless.
#include "stdlib/kernels/Pow.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::pow;

PATCHC_KERNEL_INIT(Pow) {}

PATCHC_KERNEL_PROCESS(Pow) {
  for (int i = 0; i < n; ++i) out[i] = std::pow(in[kBase][i], in[kExponent][i]);
}
