// Cos(input): cos(x) per sample, x in radians (pyo's arithmetic object). Stateless; a plain loop that LLVM can
// vectorize, as Sin.
#include "stdlib/Kernel.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Cos) {}

PATCHC_KERNEL_PROCESS(Cos) {
  for (int i = 0; i < n; ++i) out[i] = std::cos(in[0][i]);
}
