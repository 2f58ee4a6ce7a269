// Mul(a, b): the elaborator's signal arithmetic for `a * b` (its kernel: Mul.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::mul {
enum Input { kA, kB };
}

PATCHC_OBJECT(Mul) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::mul;
  spec.doc = "a * b";
  spec.input(kA, audio("a", "left operand"));
  spec.input(kB, audio("b", "right operand"));
  // Bilinear, not linear: scaling both a and b scales a·b twice.
  arithmetic(spec, /*linear=*/false, 0.1f);
  spec.facts.fold = [](const ConstantInputs& c) { return c[kA] * c[kB]; };
  spec.facts.outputRange = [](const RangeQuery& q) { return product(q.input(kA), q.input(kB)); };
  spec.facts.outputIs = OutputIs::ProductOfInputs;
  spec.facts.identities = {{kA, 1.0f, kB}, {kB, 1.0f, kA}};  // 1 · b = b, a · 1 = a
  spec.algorithm = "per sample";
  spec.differences = "`Div` divides by +1e-5 when |b| < 1e-5, as pyo";
}
