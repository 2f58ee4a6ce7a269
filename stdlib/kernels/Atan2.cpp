// Atan2(b, a): atan2(b, a) per sample (Atan2.h).
#include "stdlib/kernels/Atan2.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::atan2;

PATCHC_KERNEL_INIT(Atan2) {}

PATCHC_KERNEL_PROCESS(Atan2) {
  for (int i = 0; i < n; ++i) out[i] = std::atan2(in[kB][i], in[kA][i]);
}
