// MToF(input): mtof::apply per sample (MToF.h).
#include "stdlib/kernels/MToF.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(MToF) {}

PATCHC_KERNEL_PROCESS(MToF) { unary::process<mtof::Input>(in, out, n, mtof::apply); }
