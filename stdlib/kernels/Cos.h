// Cos(input): pyo's Cos object, per sample (its kernel: Cos.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::cos {
enum Input { kInput, kFast };
}

PATCHC_OBJECT(Cos) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::cos;
  spec.doc = "The cosine of its input (radians), per sample.";
  spec.input(kInput, audio("input", "input signal"));
  // -Ofast's fast-trig (and exact-trig where the argument is bounded) sets it to use the polynomial sine.
  spec.input(kFast, hidden("fast", 0.0f, "1: the polynomial sine of -Ofast (fast-trig) instead of libm's"));
  mathFunction(spec, 1.0f);
  // Trig.h derives the bound; MathTest checks it.
  spec.facts.approximationSwitch =
      ApproximationSwitch{kFast, {3.1e-7, 1.8e-7}, "the polynomial sine", "libm", "rad"};
  spec.algorithm = "`sinf`, `cosf`, `sqrtf` per sample in a plain loop (vectorizes); Sqrt of a negative input is 0";
  spec.differences = "as pyo (measured `Sqrt(Sig(-1))` = 0)";
}
