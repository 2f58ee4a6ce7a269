// Param: a value the patch's handlers write between blocks (ir/Control.h): an attribute assigned at run time
// (`osc.freq = f` in a Pattern's function), an object's `playing` input. Internal: the elaborator makes it.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::param {
enum Input { kInitial };
// Its state: the value, written by init (from `initial`) and by the handlers' code.
struct State {
  float value;
};
}  // namespace patchc::kernel::param

PATCHC_OBJECT(Param) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::param;
  spec.doc = "A value set at run time by the patch's callbacks (Pattern, CallAfter): a parameter slot.";
  spec.input(kInitial, constant("initial", 0.0f, "the value before any callback sets it"));
  spec.facts.cost = 0.05f;
  // Not a function of its inputs (controlRate: no two are the same for cse, lane-fuse never joins them), none
  // folds, nothing bounds it.
  spec.facts.controlRate = true;
  spec.stateBytes = sizeof(State);
  spec.generator = true;
  spec.bipolar = false;
  spec.internal = true;
  spec.algorithm = "holds the value the handlers last wrote; readers get it once per block (stride 0)";
  spec.differences = "pyo sets an attribute with a Python call between buffers; patchc at the event's sample";
}
