// Interp(input, input2, interp): x + (x2 − x)·t per sample, t clamped to [0, 1] as pyo (Interp.h).
#include "stdlib/kernels/Interp.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::interp;

PATCHC_KERNEL_INIT(Interp) {}

PATCHC_KERNEL_PROCESS(Interp) {
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    out[i] = x + (in[kInput2][i] - x) * clampf(in[kInterp][i], 0.0f, 1.0f);
  }
}
