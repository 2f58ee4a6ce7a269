// Sub(a, b): the elaborator's signal arithmetic for `a - b` (its kernel: Sub.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::sub {
enum Input { kA, kB };
}

PATCHC_OBJECT(Sub) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::sub;
  spec.doc = "a - b";
  spec.input(kA, audio("a", "left operand"));
  spec.input(kB, audio("b", "right operand"));
  arithmetic(spec, /*linear=*/true, 0.1f);
  spec.facts.fold = [](const ConstantInputs& c) { return c[kA] - c[kB]; };
  spec.facts.outputRange = [](const RangeQuery& q) { return difference(q.input(kA), q.input(kB)); };
  spec.facts.identities = {{kB, 0.0f, kA}};  // a - 0 = a
  spec.algorithm = "per sample";
  spec.differences = "`Div` divides by +1e-5 when |b| < 1e-5, as pyo";
}
