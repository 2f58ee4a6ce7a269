// Min(input, comp): pyo's Min, per sample (its kernel: Min.cpp; the declaration it shares with Max: Extremum.h).
#pragma once

#include "stdlib/kernels/Extremum.h"

namespace patchc::kernel::minimum {
using extremum::kComp;
using extremum::kInput;
inline float apply(float x, float comp) { return x < comp ? x : comp; }  // as pyo (a NaN x gives comp)
}  // namespace patchc::kernel::minimum

PATCHC_OBJECT(Min) {
  patchc::declare::extremum(spec, patchc::kernel::minimum::apply, "The lowest of its input and comp, per sample.", "x < comp ? x : comp, per sample");
}
