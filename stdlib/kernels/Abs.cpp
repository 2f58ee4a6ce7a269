// Abs(input): absolute::apply per sample (Abs.h).
#include "stdlib/kernels/Abs.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Abs) {}

PATCHC_KERNEL_PROCESS(Abs) { unary::process<absolute::Input>(in, out, n, absolute::apply); }
