// AToDB(input): atodb::apply per sample (AToDB.h).
#include "stdlib/kernels/AToDB.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(AToDB) {}

PATCHC_KERNEL_PROCESS(AToDB) { unary::process<atodb::Input>(in, out, n, atodb::apply); }
