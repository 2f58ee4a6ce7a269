// Interp(input, input2, interp): pyo's Interp, per sample (its kernel: Interp.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::interp {
enum Input { kInput, kInput2, kInterp };
}

PATCHC_OBJECT(Interp) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::interp;
  spec.doc = "A linear crossfade between two signals, per sample.";
  spec.input(kInput, audio("input", "first input signal (interp 0)"));
  spec.input(kInput2, audio("input2", "second input signal (interp 1)"));
  spec.input(kInterp, within(signal("interp", 0.5f, "position between the inputs, 0..1"), clampedAsPyo(0.0f, 1.0f)));
  mathFunction(spec, 0.2f);
  spec.facts.linearInInput = true;  // x + (x2 − x)·t is linear in both inputs together, t fixed
  // Between the two inputs: within the join of their ranges.
  spec.facts.outputRange = [](const RangeQuery& query) { return join(query.input(kInput), query.input(kInput2)); };
  spec.algorithm = "x + (x2 − x)·clamp(interp, 0, 1), per sample";
  spec.differences = "as pyo";
}
