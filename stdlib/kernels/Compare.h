// Compare(input, comp, mode): pyo's comparison object, 1 where the comparison holds, else 0 (Compare.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::compare {

enum Input { kInput, kComp, kMode };
// pyo's modes, in the order of its table: the mode's number is its index.
enum Mode { kLess, kLessOrEqual, kGreater, kGreaterOrEqual, kEqual, kNotEqual };
// pyo's == and != hold within this tolerance.
constexpr float kTolerance = 0.0001f;

inline float apply(float x, float comp, int mode) {
  switch (mode) {
    case kLess: return x < comp ? 1.0f : 0.0f;
    case kLessOrEqual: return x <= comp ? 1.0f : 0.0f;
    case kGreater: return x > comp ? 1.0f : 0.0f;
    case kGreaterOrEqual: return x >= comp ? 1.0f : 0.0f;
    case kEqual: return x >= comp - kTolerance && x <= comp + kTolerance ? 1.0f : 0.0f;
    default: return x <= comp - kTolerance || x >= comp + kTolerance ? 1.0f : 0.0f;
  }
}

}  // namespace patchc::kernel::compare

PATCHC_OBJECT(Compare) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::compare;
  spec.doc = "Compares its input with comp, per sample: 1 where the comparison holds, else 0.";
  spec.input(kInput, audio("input", "input signal"));
  spec.input(kComp, signal("comp", std::nullopt, "the value or signal to compare with"));
  spec.input(kMode, keywords(settable(within(constant("mode", 0.0f, "the comparison: \"<\", \"<=\", \">\", \">=\", "
                                                                    "\"==\" or \"!=\" (or its number, 0 to 5)"),
                                             {0.0f, 5.0f, true, "patchc compares as \"<\"",
                                              "patchc compares as \"!=\"", "patchc uses its whole part"})),
                             {"<", "<=", ">", ">=", "==", "!="}));
  spec.facts.stateless = true;
  spec.facts.cost = 1.0f;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.bipolar = false;
  spec.algorithm = "the comparison per sample; == and != hold within ±0.0001, as pyo's";
  spec.differences = "as pyo; pyo's Compare.out() plays without sending the object to an output, patchc's sends it";
}
