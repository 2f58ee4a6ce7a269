// Watch: the stream a callback object watches (TrigFunc's, Score's, Print's input), copied into a buffer of its
// own that the patch's control code reads at each frame (ir/Control.h's watches). Internal: the elaborator makes
// it. Being a reader of the stream in the graph, every pass keeps what it sees true; being watched, it is never
// fused, merged or folded away, so its node and lanes stay where the control program looks.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::watch {
enum Input { kInput };
}  // namespace patchc::kernel::watch

PATCHC_OBJECT(Watch) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::watch;
  spec.doc = "The stream a TrigFunc, Score or Print watches, as the patch's control code reads it.";
  spec.input(kInput, audio("input", "the watched stream"));
  spec.facts.cost = 0.05f;
  spec.facts.watched = true;
  spec.facts.stateless = true;
  spec.facts.outputRange = [](const RangeQuery& q) { return q.input(kInput); };
  spec.stateBytes = 0;
  spec.bipolar = false;
  spec.internal = true;
  spec.algorithm = "copies its input; the control code tests it at every frame a block ahead of the rest";
  spec.differences = "pyo runs the callback while computing its buffer, so a change it makes reaches the other "
                     "objects at the next buffer; patchc runs it at the trigger's sample";
}
