// Min and Max share their declaration: input and comp, per sample, folded and bounded by the same `apply` their
// kernels run (as Sin and Cos share Trig.h).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::extremum {
enum Input { kInput, kComp };
}  // namespace patchc::kernel::extremum

namespace patchc::declare {

// `apply` is non-decreasing in both arguments, so the output's range is apply at the inputs' ends.
inline void extremum(ObjectSpec& spec, float (*apply)(float, float), const char* doc, const char* algorithm) {
  using namespace patchc::kernel::extremum;
  spec.doc = doc;
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kComp, signal("comp", 0.5f, "the value to compare with"));
  mathFunction(spec, 0.1f);
  spec.facts.fold = [apply](const ConstantInputs& c) { return apply(c[kInput], c[kComp]); };
  spec.facts.outputRange = [apply](const RangeQuery& query) -> Range {
    Range x = query.input(kInput), comp = query.input(kComp);
    if (!x || !comp) return std::nullopt;
    return Interval{apply(x->low, comp->low), apply(x->high, comp->high)};
  };
  spec.algorithm = algorithm;
  spec.differences = "as pyo";
}

}  // namespace patchc::declare
