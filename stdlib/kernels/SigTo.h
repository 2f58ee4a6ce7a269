// SigTo(value, time, init): a straight ramp to each new value of its input, in `time` seconds (SigTo.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::sigto {

enum Input { kValue, kTime, kInit };

struct State {
  double current;    // the output
  double step;       // the ramp's step a sample
  float target;      // the last value seen at the input: a ramp starts when it changes
  int64_t steps;     // the ramp's length in samples (≤ 0: none, a jump)
  int64_t elapsed;   // samples of the ramp done
};

}  // namespace patchc::kernel::sigto

PATCHC_OBJECT(SigTo) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::sigto;
  spec.doc = "Ramps linearly to its value whenever the value changes, in `time` seconds.";
  spec.input(kValue, signal("value", std::nullopt, "the value to reach (a number or a signal)"));
  spec.input(kTime, signal("time", 0.025f, "ramp time in seconds, read when the value changes"));
  spec.input(kInit, constant("init", 0.0f, "the output before the first ramp starts"));
  spec.facts = oscillatorFacts(0.3f);
  spec.stateBytes = sizeof(kernel::sigto::State);
  spec.generator = true;
  spec.bipolar = false;
  // Straight lines between init and values of the input.
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range init = q.input(kInit);
    return join(init, q.input(kValue));
  };
  spec.algorithm =
      "on a sample where value differs from the last one seen: a ramp of trunc(time·sr) samples from the current "
      "output (its first sample already one step on), exactly the value on its last; time ≤ 1/sr jumps";
  spec.differences = "the same samples as pyo 1.0.4 (measured), the ramp summed in double";
}
