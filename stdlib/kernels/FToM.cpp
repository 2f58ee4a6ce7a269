// FToM(input): ftom::apply per sample (FToM.h).
#include "stdlib/kernels/FToM.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(FToM) {}

PATCHC_KERNEL_PROCESS(FToM) { unary::process<ftom::Input>(in, out, n, ftom::apply); }
