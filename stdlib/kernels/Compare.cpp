// Compare(input, comp, mode): compare::apply per sample (Compare.h); the mode is read once per call (a callback
// may set it).
#include "stdlib/kernels/Compare.h"

using namespace patchc::kernel;
using namespace patchc::kernel::compare;

PATCHC_KERNEL_INIT(Compare) {}

PATCHC_KERNEL_PROCESS(Compare) {
  const float m = in[kMode].value();
  const int mode = !(m > 0.0f) ? kLess : m >= 5.0f ? kNotEqual : static_cast<int>(m);
  for (int i = 0; i < n; ++i) out[i] = apply(in[kInput][i], in[kComp][i], mode);
}
