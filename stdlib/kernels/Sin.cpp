// Sin(input): sin(x) per sample, x in radians (pyo's arithmetic object). Stateless. A plain loop over the
// samples: with a stride-1 input LLVM can vectorize it through the target's vector math library (DESIGN §6);
// `-Ofast` may replace it by an approximation (the fast-trig pass).
#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Sin) {}

// With `fast` (set by -Ofast's fast-trig): sinCycles on the argument in cycles. Its own error is 2.1e-7; turning
// radians into cycles in float (1/2π rounded, the product rounded, and Cos's quarter turn added: each 2^-24
// relative) moves the phase by up to 6e-8·(3|x|/2π + 1/4) cycles, so the bound fast-trig states is
// 3.1e-7 + 1.8e-7·|x|.
PATCHC_KERNEL_PROCESS(Sin) {
  if (in[1].value() != 0.0f) {
    for (int i = 0; i < n; ++i) out[i] = sinCycles(in[0][i] * (1.0f / kTwoPi) + 0.0f);
  } else {
    for (int i = 0; i < n; ++i) out[i] = std::sin(in[0][i]);
  }
}
