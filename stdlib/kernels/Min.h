// Min(input, comp): pyo's Min, per sample (its kernel: Min.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::minimum {

enum Input { kInput, kComp };

inline float apply(float x, float comp) { return x < comp ? x : comp; }  // as pyo (a NaN x gives comp)

}  // namespace patchc::kernel::minimum

PATCHC_OBJECT(Min) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::minimum;
  spec.doc = "The lowest of its input and comp, per sample.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kComp, signal("comp", 0.5f, "the value to compare with"));
  mathFunction(spec, 0.1f);
  spec.facts.fold = [](const ConstantInputs& c) { return apply(c[kInput], c[kComp]); };
  spec.facts.outputRange = [](const RangeQuery& query) -> Range {
    Range x = query.input(kInput), comp = query.input(kComp);
    if (!x || !comp) return std::nullopt;
    return Interval{apply(x->low, comp->low), apply(x->high, comp->high)};
  };
  spec.algorithm = "x < comp ? x : comp, per sample";
  spec.differences = "as pyo";
}
