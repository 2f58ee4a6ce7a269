// Mul(a, b): the elaborator's signal arithmetic for `a * b` (its kernel: Mul.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::mul {
enum Input { kA, kB };
}

PATCHC_OBJECT(Mul) {
  using namespace patchc::declare;
  using namespace patchc::kernel::mul;
  spec.doc = "a * b";
  spec.input(kA, audio("a", "left operand"));
  spec.input(kB, audio("b", "right operand"));
  // Bilinear, not linear: scaling both a and b scales a·b twice.
  arithmetic(spec, /*linear=*/false, 0.1f);
  spec.algorithm = "per sample";
  spec.differences = "`Div` divides by +1e-5 when |b| < 1e-5, as pyo";
}
