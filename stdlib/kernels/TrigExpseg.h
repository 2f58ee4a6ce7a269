// TrigExpseg(input, list, exp, inverse): exponential curves between breakpoints, started by each trigger
// (TrigExpseg.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Envelope.h"
#include "stdlib/kernels/TrigSegments.h"

namespace patchc::kernel::trigexpseg {
enum Input { kInput, kList, kExp, kInverse };
}

PATCHC_OBJECT(TrigExpseg) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::trigexpseg;
  spec.doc = "Exponential curves between (time, value) breakpoints, from the first on each trigger of the input; "
             "holds the last value at the end; 0 before the first trigger.";
  spec.input(kInput, audio("input", "the triggers that start the envelope (samples equal to 1)"));
  spec.input(kList, settable(array("list", "breakpoints [(time, value), ...], times in seconds, increasing")));
  spec.input(kExp, within(constant("exp", 10.0f, "the curves' exponent: 1 straight lines, higher more curved"),
                          {0.0f, 1e9f, false,
                           "pyo 1.0.4 then outputs inf at each segment's start; patchc takes 0 (a step)",
                           "pyo 1.0.4 and patchc take it as it is (each segment a step at its end)", ""}));
  spec.input(kInverse, constant("inverse", 1.0f, "1: falling segments curve the other way (mirror of rising ones)"));
  spec.facts.cost = 0.5f;
  spec.stateBytes = sizeof(kernel::trigsegments::State);
  spec.facts.outputRange = kernel::envelope::breakpointsRange(kList);
  spec.algorithm = "on a trigger the time restarts at 0; at t = k/sr after it, Expseg's curves: v_k + (v_k+1 − "
                   "v_k)·f^exp, or ·(1 − (1 − f)^exp) on a falling segment with inverse; the last value held after";
  spec.differences = "the same samples as pyo 1.0.4 (measured within 1e-6)";
  spec.streamsNotYet = {"trig"};  // the end-of-envelope triggers
}
