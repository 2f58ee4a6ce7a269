// Thresh(input, threshold, dir): a trigger when the input crosses a threshold (Thresh.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::thresh {

enum Input { kInput, kThreshold, kDir };

struct State {
  float ready;  // 1 once the input has been on the far side of the threshold (pyo starts at 0)
};

}  // namespace patchc::kernel::thresh

PATCHC_OBJECT(Thresh) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::thresh;
  spec.doc = "A trigger (1 for one sample) each time the input crosses the threshold: upward (dir 0), downward (1) "
             "or both ways (2).";
  spec.input(kInput, audio("input", "the signal to watch"));
  spec.input(kThreshold, signal("threshold", 0.0f, "the level to cross"));
  spec.input(kDir, within(constant("dir", 0.0f, "0 upward, 1 downward, 2 both"),
                          {0.0f, 2.0f, true, "pyo 1.0.4 and patchc then never trigger",
                           "pyo 1.0.4 and patchc then never trigger",
                           "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part"}));
  spec.facts.cost = 0.2f;
  spec.facts.timeInvariant = false;  // it starts not ready: leading silence readies it for an earlier trigger
  spec.stateBytes = sizeof(kernel::thresh::State);
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm =
      "dir 0: 1 on a sample above the threshold once the input has been at or below it since the last trigger (not "
      "ready at the start); dir 1 the same downward (below, then at or above); dir 2: 1 on each crossing either "
      "way, a start at or below the threshold counting as one";
  spec.differences = "the same samples as pyo 1.0.4 (measured)";
}
