// Div(a, b): the elaborator's signal arithmetic for `a / b` (its kernel: Div.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::div {
enum Input { kA, kB };
}

PATCHC_OBJECT(Div) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::div;
  spec.doc = "a / b; a divisor within 1e-5 of 0 counts as 1e-5, as pyo";
  spec.input(kA, audio("a", "left operand"));
  spec.input(kB, audio("b", "right operand"));
  arithmetic(spec, /*linear=*/false, 0.2f);
  // The kernel's arithmetic, with pyo's guard: a divisor within 1e-5 of 0 counts as 1e-5.
  spec.facts.fold = [](const ConstantInputs& c) { return c[kA] / (std::fabs(c[kB]) < 1e-5f ? 1e-5f : c[kB]); };
  spec.facts.identities = {{kB, 1.0f, kA}};  // a / 1 = a
  spec.algorithm = "per sample";
  spec.differences = "`Div` divides by +1e-5 when |b| < 1e-5, as pyo";
}
