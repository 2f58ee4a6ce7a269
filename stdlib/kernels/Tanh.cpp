// Tanh(input): hyperbolic::apply per sample (Tanh.h).
#include "stdlib/kernels/Tanh.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Tanh) {}

PATCHC_KERNEL_PROCESS(Tanh) { unary::process<hyperbolic::Input>(in, out, n, hyperbolic::apply); }
