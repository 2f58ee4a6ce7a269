// Port(input, risetime, falltime, init): portamento, a one-pole lowpass with separate rise and fall times
// (Port.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::port {

enum Input { kInput, kRisetime, kFalltime, kInit };

struct State {
  float output;     // y[n−1]
  float lastInput;  // the input's last value: its direction picks the rise or the fall time
  bool rising;      // the input last moved up
};

}  // namespace patchc::kernel::port

PATCHC_OBJECT(Port) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::port;
  spec.doc = "Portamento: glides towards its input, with one time for rising and another for falling.";
  spec.input(kInput, audio("input", "the signal to follow"));
  spec.input(kRisetime, signal("risetime", 0.05f, "time constant in seconds while the input last rose"));
  spec.input(kFalltime, signal("falltime", 0.05f, "time constant in seconds while the input last fell"));
  spec.input(kInit, constant("init", 0.0f, "the output (and the input's last value) before the first sample"));
  spec.facts = filterFacts(0.5f);
  spec.facts.linearInInput = false;  // the direction switch makes it non-linear
  spec.stateBytes = sizeof(kernel::port::State);
  spec.bipolar = false;
  // Each output is a mix (factor in (0, 0.1]) of the previous output and the input: between init and the input.
  spec.facts.outputRange = [](const RangeQuery& q) -> Range { return join(q.input(kInit), q.input(kInput)); };
  spec.algorithm =
      "y += (x − y)·1/((t + 0.00025)·sr), t the rise time after the input last went up, the fall time after it "
      "last went down (times below 0 are 0)";
  spec.differences = "the same samples as pyo 1.0.4 (measured)";
}
