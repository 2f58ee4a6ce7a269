// Select(input, value): a trigger when the input becomes `value` (Select.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::select {

enum Input { kInput, kValue };

struct State {
  float last;  // the input's previous sample
};

}  // namespace patchc::kernel::select

PATCHC_OBJECT(Select) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::select;
  spec.doc = "A trigger (1 for one sample) when the input becomes equal to `value` (e.g. a Counter's step).";
  spec.input(kInput, audio("input", "the signal to watch (whole numbers, such as a Counter's)"));
  spec.input(kValue, within(constant("value", 0.0f, "the value that triggers"),
                            {-9.2e18f, 9.2e18f, true, "pyo 1.0.4 refuses it (beyond a 64-bit int); patchc compares with it",
                             "pyo 1.0.4 refuses it (beyond a 64-bit int); patchc compares with it",
                             "pyo 1.0.4 refuses it (it takes an int); patchc compares with the number as given"}));
  spec.facts.stateless = false;
  spec.facts.cost = 0.2f;
  spec.stateBytes = sizeof(kernel::select::State);
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm = "1 where x[n] = value and x[n−1] ≠ value (x[−1] = −99), else 0";
  spec.differences = "the same samples as pyo 1.0.4 (measured)";
}
