// Change(input): a trigger when the input changes (Change.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::change {

enum Input { kInput };

struct State {
  float last;  // the input's value at the last change
};

}  // namespace patchc::kernel::change

PATCHC_OBJECT(Change) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::change;
  spec.doc = "A trigger (1 for one sample) whenever the input moves more than 0.00001 from its last changed value.";
  spec.input(kInput, audio("input", "the signal to watch"));
  spec.facts.cost = 0.2f;
  spec.stateBytes = sizeof(kernel::change::State);
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm = "1 where |x[n] − last| > 0.00001, and then last = x[n] (last starts at 0), else 0";
  spec.differences = "the same samples as pyo 1.0.4 (measured)";
}
