// Max(input, comp): pyo's Max, per sample (its kernel: Max.cpp; the declaration it shares with Min: Extremum.h).
#pragma once

#include "stdlib/kernels/Extremum.h"

namespace patchc::kernel::maximum {
using extremum::kComp;
using extremum::kInput;
inline float apply(float x, float comp) { return x > comp ? x : comp; }  // as pyo (a NaN x gives comp)
}  // namespace patchc::kernel::maximum

PATCHC_OBJECT(Max) {
  patchc::declare::extremum(spec, patchc::kernel::maximum::apply, "The highest of its input and comp, per sample.", "x > comp ? x : comp, per sample");
}
