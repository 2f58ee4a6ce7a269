// TrigChoice(input, choice, port, init): a number chosen at random from a list on each trigger, glided to over port
// seconds (TrigChoice.cpp, TriggeredValue.h).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/TriggeredValue.h"

namespace patchc::kernel::trigchoice {
enum Input { kInput, kChoice, kPort, kInit };
}

PATCHC_OBJECT(TrigChoice) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::trigchoice;
  spec.doc = "On each trigger of the input, one of the list's numbers chosen at random (each equally likely), "
             "reached in a straight line over port seconds and held; init before the first trigger.";
  spec.input(kInput, audio("input", "the triggers (samples equal to 1)"));
  spec.input(kChoice, settable(array("choice", "the numbers to choose from")));
  spec.input(kPort, portamento());
  spec.input(kInit, constant("init", 0.0f, "the output before the first trigger"));
  spec.facts.cost = 0.3f;
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::triggered::State);
  spec.facts.outputRange = oneOfListOrInit(kChoice, kInit);
  spec.algorithm = std::string("on a trigger, list[trunc(u·count)] (u uniform in [0, 1)); ") + kGlide;
  spec.differences = "pyo 1.0.4's trigger samples and glide (measured); a different random generator (xorshift32 "
                     "per lane, seeded like `Noise`): the same odds, other choices";
}
