// Sin(input): sin(x) per sample, x in radians (pyo's arithmetic object). Stateless. A plain loop over the
// samples: with a stride-1 input LLVM can vectorize it through the target's vector math library (DESIGN §6);
// `-Ofast` may replace it by an approximation (the fast-trig pass).
#include "stdlib/Kernel.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Sin) {}

PATCHC_KERNEL_PROCESS(Sin) {
  for (int i = 0; i < n; ++i) out[i] = std::sin(in[0][i]);
}
