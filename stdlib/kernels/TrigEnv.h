// TrigEnv(input, table, dur, interp): reads a table once, in dur seconds, from each trigger (TrigEnv.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::trigenv {

enum Input { kInput, kTable, kDur, kInterp };

struct State {
  double position;  // in samples of the table
  float step;       // table samples a sample: size / (dur·sr), as pyo's float
  int32_t active;   // 1 from a trigger until the position passes the table's end
};

}  // namespace patchc::kernel::trigenv

PATCHC_OBJECT(TrigEnv) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::trigenv;
  spec.doc = "An envelope from a table: each trigger of the input reads the whole table once, in dur seconds; 0 "
             "before the first trigger and after the end.";
  spec.input(kInput, audio("input", "the triggers that start the reading (samples equal to 1)"));
  spec.input(kTable, table("table", "the envelope's shape (each channel gives a stream)"));
  spec.input(kDur, signal("dur", 1.0f, "the reading's duration in seconds, taken at each trigger"));
  spec.input(kInterp, within(constant("interp", 2.0f, "interpolation: 1 none, 2 linear, 3 cosine, 4 cubic"),
                             {1.0f, 4.0f, true, "pyo 1.0.4 has no interpolation below 1; patchc uses 1 (none)",
                              "pyo 1.0.4 has no interpolation above 4; patchc uses 4 (cubic)",
                              "pyo 1.0.4 refuses it (interp takes an int); patchc uses its whole part"}));
  spec.facts.cost = 1.0f;
  spec.stateBytes = sizeof(kernel::trigenv::State);
  spec.algorithm = "on a trigger the position goes to 0 and the step to size/(dur·sr) (dur ≤ 0: silent); each "
                   "sample reads the table at the position (pyo's interpolations) and steps; once the position "
                   "passes the table's size the output is 0";
  spec.differences = "the same samples as pyo 1.0.4 (measured)";
  spec.streamsNotYet = {"trig"};  // the end-of-envelope triggers
}
