// TrigRand(input, min, max, port, init): a random value between min and max on each trigger, glided to over port
// seconds (TrigRand.cpp, TriggeredValue.h).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/TriggeredValue.h"

namespace patchc::kernel::trigrand {
enum Input { kInput, kMin, kMax, kPort, kInit };
}

PATCHC_OBJECT(TrigRand) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::trigrand;
  spec.doc = "On each trigger of the input, a new random value uniform between min and max, reached in a straight "
             "line over port seconds and held; init before the first trigger.";
  spec.input(kInput, audio("input", "the triggers (samples equal to 1)"));
  spec.input(kMin, signal("min", 0.0f, "the lowest value"));
  spec.input(kMax, signal("max", 1.0f, "the highest value"));
  spec.input(kPort, portamento());
  spec.input(kInit, constant("init", 0.0f, "the output before the first trigger"));
  spec.facts.cost = 0.3f;
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::triggered::State);
  // Between min and max, or init (a glide stays between the value it left and the one it goes to).
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range min = q.input(kMin), max = q.input(kMax), init = q.input(kInit);
    if (!min || !max || !init) return std::nullopt;
    return join(join(*min, *max), *init);
  };
  spec.algorithm = std::string("on a trigger, min + (max − min)·u (u uniform in [0, 1)); ") + kGlide;
  spec.differences = "pyo 1.0.4's trigger samples and glide (measured); a different random generator (xorshift32 "
                     "per lane, seeded like `Noise`): the same distribution, other values";
}
