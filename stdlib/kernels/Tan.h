// Tan(input): pyo's Tan, per sample (its kernel: Tan.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::tangent {
enum Input { kInput };
inline float apply(float x) { return std::tan(x); }
}  // namespace patchc::kernel::tangent

PATCHC_OBJECT(Tan) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::tangent::Input>(spec, "The tangent of its input (radians), per sample.",
                                                "`tanf` per sample", "as pyo", 1.5f);
  // No output range: tan is unbounded on any input range that reaches a pole (odd multiples of π/2), and
  // FactsTest asks a declared range to bound every bounded input.
}
