// DBToA(input): dbtoa::apply per sample (DBToA.h).
#include "stdlib/kernels/DBToA.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(DBToA) {}

PATCHC_KERNEL_PROCESS(DBToA) { unary::process<dbtoa::Input>(in, out, n, dbtoa::apply); }
