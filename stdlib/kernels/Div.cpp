// Div(a, b): a / b, the elaborator's op for pyo's signal division. Stateless.
// pyo 1.0.4 replaces a divisor with |b| < 1e-5 by +1e-5 (measured: 1 / 0 = 100000, 1 / -1e-6 = 100000), so the
// output stays finite; patchc does the same. (A division by the number 0 in the script is the elaborator's
// business: pyo then leaves the signal undivided.)
#include "stdlib/kernels/Div.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::div;

PATCHC_KERNEL_INIT(Div) {}

PATCHC_KERNEL_PROCESS(Div) {
  for (int i = 0; i < n; ++i) {
    float b = in[kB][i];
    if (b > -1e-5f && b < 1e-5f) b = 1e-5f;
    out[i] = in[kA][i] / b;
  }
}
