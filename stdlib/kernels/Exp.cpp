// Exp(input): exponential::apply per sample (Exp.h).
#include "stdlib/kernels/Exp.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Exp) {}

PATCHC_KERNEL_PROCESS(Exp) { unary::process<exponential::Input>(in, out, n, exponential::apply); }
