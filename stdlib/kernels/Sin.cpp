// Sin(input): sin(x) per sample, x in radians (Trig.h).
#include "stdlib/kernels/Sin.h"
#include "stdlib/kernels/Trig.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Sin) {}

PATCHC_KERNEL_PROCESS(Sin) { trig::process<sin::Input>(in, out, n, 0.0f, [](float x) { return std::sin(x); }); }
