// Log(input): logarithm::apply per sample (Log.h).
#include "stdlib/kernels/Log.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Log) {}

PATCHC_KERNEL_PROCESS(Log) { unary::process<logarithm::Input>(in, out, n, logarithm::apply); }
