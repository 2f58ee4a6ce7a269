// Add(a, b): the elaborator's signal arithmetic for `a + b` (its kernel: Add.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::add {
enum Input { kA, kB };
}

PATCHC_OBJECT(Add) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::add;
  spec.doc = "a + b";
  spec.input(kA, audio("a", "left operand"));
  spec.input(kB, audio("b", "right operand"));
  arithmetic(spec, /*linear=*/true, 0.1f);
  spec.facts.fold = [](const ConstantInputs& c) { return c[kA] + c[kB]; };
  spec.facts.outputRange = [](const RangeQuery& q) { return sum(q.input(kA), q.input(kB)); };
  spec.facts.outputIs = OutputIs::SumOfInputs;
  spec.facts.identities = {{kA, 0.0f, kB}, {kB, 0.0f, kA}};  // 0 + b = b, a + 0 = a
  spec.algorithm = "per sample";
  spec.differences = "`Div` divides by +1e-5 when |b| < 1e-5, as pyo";
}
