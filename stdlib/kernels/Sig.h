// Sig(value): copies its input (Sig.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::sig {
enum Input { kValue };
}

PATCHC_OBJECT(Sig) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::sig;
  spec.doc = "Converts a number or a signal into an audio signal.";
  // pyo 1.0.4: Sig(value, mul=1, add=0), value is required.
  spec.input(kValue, signal("value", std::nullopt, "the value to output: number or signal"));
  spec.facts = oscillatorFacts(0.1f);
  spec.facts.stateless = true;
  spec.generator = true;
  spec.bipolar = false;
  spec.facts.outputIs = OutputIs::Input;
  spec.facts.fold = [](const ConstantInputs& c) { return c[kValue]; };
  spec.facts.outputRange = [](const RangeQuery& q) { return q.input(kValue); };
  spec.algorithm = "copies its input";
  spec.differences = "`value` is required, as in pyo";
}
