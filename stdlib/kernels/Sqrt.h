// Sqrt(input): pyo's Sqrt object, per sample (its kernel: Sqrt.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::sqrt {
enum Input { kInput };
}

PATCHC_OBJECT(Sqrt) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::sqrt;
  spec.doc = "The square root of its input per sample; 0 for a negative input.";
  spec.input(kInput, audio("input", "input signal"));
  mathFunction(spec, 0.3f);
  spec.algorithm = "`sinf`, `cosf`, `sqrtf` per sample in a plain loop (vectorizes); Sqrt of a negative input is 0";
  spec.differences = "as pyo (measured `Sqrt(Sig(-1))` = 0)";
}
