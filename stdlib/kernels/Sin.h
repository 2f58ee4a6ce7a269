// Sin(input): pyo's Sin object, per sample (its kernel: Sin.cpp; what it shares with Cos: Trig.h).
#pragma once

#include "stdlib/kernels/Trig.h"

namespace patchc::kernel::sin {
enum Input { kInput, kFast };
}

PATCHC_OBJECT(Sin) { patchc::declare::trigFunction<patchc::kernel::sin::Input>(spec, "The sine of its input (radians), per sample."); }
