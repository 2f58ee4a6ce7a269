// Add(a, b): the elaborator's signal arithmetic for `a + b` (its kernel: Add.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::add {
enum Input { kA, kB };
}

PATCHC_OBJECT(Add) {
  using namespace patchc::declare;
  using namespace patchc::kernel::add;
  spec.doc = "a + b";
  spec.input(kA, audio("a", "left operand"));
  spec.input(kB, audio("b", "right operand"));
  arithmetic(spec, /*linear=*/true, 0.1f);
  spec.algorithm = "per sample";
  spec.differences = "`Div` divides by +1e-5 when |b| < 1e-5, as pyo";
}
