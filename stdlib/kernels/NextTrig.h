// NextTrig(input, input2): passes the first trigger of `input` after each trigger of `input2` (NextTrig.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::nexttrig {

enum Input { kInput, kInput2 };

struct State {
  float open;  // 1 once input2 triggered, until input's next trigger passes
};

}  // namespace patchc::kernel::nexttrig

PATCHC_OBJECT(NextTrig) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::nexttrig;
  spec.doc = "A gate for triggers: each trigger of input2 opens it, and the next trigger of input passes (1 for one "
             "sample) and closes it.";
  spec.input(kInput, audio("input", "the triggers to pass"));
  spec.input(kInput2, audio("input2", "the triggers that open the gate"));
  spec.facts.cost = 0.1f;
  spec.stateBytes = sizeof(kernel::nexttrig::State);
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm = "closed at the start; each sample: an input trigger (1) while open outputs 1 and closes; then "
                   "an input2 trigger opens (so a trigger of both on one sample passes only if already open)";
  spec.differences = "the same samples as pyo 1.0.4 (measured)";
}
