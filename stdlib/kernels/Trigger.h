// Trig(): pyo's one trigger (Trigger.cpp). In Trigger.h because Trig.h is Sin and Cos's trigonometry.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::trigger {

enum Input { kPlaying };

struct State {
  float lastPlaying;  // the hidden `playing` input's value in the last call
  bool armed;         // a trigger is due on the next sample that runs
};

}  // namespace patchc::kernel::trigger

PATCHC_OBJECT(Trig) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::trigger;
  spec.doc = "One trigger (1 for one sample): on its first sample, and again on the first sample after each play().";
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.1f);
  spec.stateBytes = sizeof(kernel::trigger::State);
  spec.generator = true;
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm = "1 on the first sample and on the first sample after each play(), else 0; silent after stop()";
  spec.differences =
      "pyo 1.0.4 (measured) triggers on its first sample, and after a play() on the next block's first sample; "
      "patchc on the play()'s own sample";
}
