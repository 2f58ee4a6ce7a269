// Round(input): rounding::apply per sample (Round.h).
#include "stdlib/kernels/Round.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Round) {}

PATCHC_KERNEL_PROCESS(Round) { unary::process<rounding::Input>(in, out, n, rounding::apply); }
