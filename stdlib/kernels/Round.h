// Round(input): pyo's Round, per sample (its kernel: Round.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::rounding {
enum Input { kInput };
inline float apply(float x) { return std::round(x); }
}  // namespace patchc::kernel::rounding

PATCHC_OBJECT(Round) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::rounding::Input>(spec, "Its input rounded to the nearest whole number (halves away from 0), per sample.", "`roundf` per sample", "as pyo", 0.2f);
  spec.facts.fold = [](const patchc::ConstantInputs& c) { return patchc::kernel::rounding::apply(c[0]); };
  spec.facts.outputRange = nonDecreasing(patchc::kernel::rounding::apply);
}
