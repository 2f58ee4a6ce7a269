// Tan(input): tangent::apply per sample (Tan.h).
#include "stdlib/kernels/Tan.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Tan) {}

PATCHC_KERNEL_PROCESS(Tan) { unary::process<tangent::Input>(in, out, n, tangent::apply); }
