// Sqrt(input): the square root per sample (pyo's arithmetic object). A negative input gives 0, as pyo 1.0.4
// (measured: Sqrt(Sig(-1)) is 0), so the output is never NaN for a finite input. Stateless; the select and
// sqrtf vectorize.
#include "stdlib/kernels/Sqrt.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::sqrt;

PATCHC_KERNEL_INIT(Sqrt) {}

PATCHC_KERNEL_PROCESS(Sqrt) {
  for (int i = 0; i < n; ++i) {
    float x = in[kInput][i];
    out[i] = x < 0.0f ? 0.0f : std::sqrt(x);
  }
}
