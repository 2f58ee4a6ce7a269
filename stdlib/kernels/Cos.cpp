// Cos(input): cos(x) per sample, x in radians (Trig.h): sin of a quarter turn more.
#include "stdlib/kernels/Cos.h"
#include "stdlib/kernels/Trig.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Cos) {}

PATCHC_KERNEL_PROCESS(Cos) { trig::process<cos::Input>(in, out, n, 0.25f, [](float x) { return std::cos(x); }); }
