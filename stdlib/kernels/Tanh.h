// Tanh(input): pyo's Tanh, per sample (its kernel: Tanh.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::hyperbolic {
enum Input { kInput };
inline float apply(float x) { return std::tanh(x); }
}  // namespace patchc::kernel::hyperbolic

PATCHC_OBJECT(Tanh) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::hyperbolic::Input>(spec, "The hyperbolic tangent of its input, per sample.", "`tanhf` per sample", "as pyo", 1.0f);
  spec.facts.outputRange = nonDecreasing(patchc::kernel::hyperbolic::apply);
}
