// Exp(input): pyo's Exp, per sample (its kernel: Exp.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::exponential {
enum Input { kInput };
inline float apply(float x) { return std::exp(x); }
}  // namespace patchc::kernel::exponential

PATCHC_OBJECT(Exp) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::exponential::Input>(spec, "The exponential of its input, e^x, per sample.", "`expf` per sample", "as pyo", 1.0f);
  spec.facts.outputRange = nonDecreasing(patchc::kernel::exponential::apply);
}
