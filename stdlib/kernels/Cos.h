// Cos(input): pyo's Cos object, per sample (its kernel: Cos.cpp; what it shares with Sin: Trig.h).
#pragma once

#include "stdlib/kernels/Trig.h"

namespace patchc::kernel::cos {
enum Input { kInput, kFast };
}

PATCHC_OBJECT(Cos) { patchc::declare::trigFunction<patchc::kernel::cos::Input>(spec, "The cosine of its input (radians), per sample."); }
