// Iter(input, choice, init): steps through a list of numbers on each trigger (Iter.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::iter {

enum Input { kInput, kChoice, kInit };

struct State {
  int32_t next;  // the list's next number
  float value;   // the number output since the last trigger
};

}  // namespace patchc::kernel::iter

PATCHC_OBJECT(Iter) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::iter;
  spec.doc = "On each trigger of its input, outputs the next number of a list (round and round), held until the "
             "next trigger.";
  spec.input(kInput, audio("input", "the triggers (samples equal to 1)"));
  spec.input(kChoice, array("choice", "the numbers, in order"));
  spec.input(kInit, constant("init", 0.0f, "the output before the first trigger"));
  spec.facts.cost = 0.2f;
  spec.stateBytes = sizeof(kernel::iter::State);
  spec.facts.outputRange = oneOfListOrInit(kChoice, kInit);
  spec.algorithm = "init until the first trigger; each trigger outputs list[k] and steps k, back to 0 after the "
                   "last number";
  spec.differences = "the same samples as pyo 1.0.4 (measured). pyo's list may hold PyoObjects (their streams are "
                     "output in turn); patchc takes numbers only";
  spec.streamsNotYet = {"trig"};  // the end-of-list triggers
}
