// Atan2(b, a): pyo's Atan2, per sample (its kernel: Atan2.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::atan2 {
enum Input { kB, kA };
}

PATCHC_OBJECT(Atan2) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::atan2;
  spec.doc = "The angle in radians of the point (a, b): atan2(b, a), per sample.";
  spec.input(kB, signal("b", 1.0f, "numerator: the y coordinate"));
  spec.input(kA, signal("a", 1.0f, "denominator: the x coordinate"));
  mathFunction(spec, 1.5f);
  spec.generator = true;  // two parameters, no Audio input (as pyo: both take numbers or signals)
  spec.facts.outputRange = always(Interval{-3.14159274f, 3.14159274f});  // ±π rounded up in float
  spec.algorithm = "`atan2f(b, a)` per sample";
  spec.differences = "as pyo";
}
