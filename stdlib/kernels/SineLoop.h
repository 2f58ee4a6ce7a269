// SineLoop(freq, feedback): per-lane state.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::sineloop {

struct State {
  double phase;      // accumulated phase in cycles, in [0, 1)
  float lastOutput;  // y[n-1], fed back into the phase
};

enum Input { kFreq, kFeedback };

}  // namespace patchc::kernel::sineloop

PATCHC_OBJECT(SineLoop) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::sineloop;
  spec.doc = "A sine wave oscillator with its output fed back into its phase.";
  spec.input(kFreq, signal("freq", 1000.0f, "frequency in Hz"));
  spec.input(kFeedback, within(signal("feedback", 0.0f, "amount of output added to the phase, 0..1 (brightness)"),
                               clampedAsPyo(0.0f, 1.0f)));
  spec.facts = oscillatorFacts(1.2f);
  spec.stateBytes = sizeof(kernel::sineloop::State);
  spec.generator = true;
  spec.facts.outputRange = always({-1.0f, 1.0f});
  spec.algorithm = "`y = sin(2π(φ + feedback·y[n-1]))`, feedback clipped to [0, 1]";
  spec.differences = "same scaling as pyo (measured); the polynomial sine instead of a table";
}
