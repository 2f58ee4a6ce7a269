// TrigLinseg(input, list): straight line segments between breakpoints, started by each trigger (TrigLinseg.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Envelope.h"
#include "stdlib/kernels/TrigSegments.h"

namespace patchc::kernel::triglinseg {
enum Input { kInput, kList };
}

PATCHC_OBJECT(TrigLinseg) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::triglinseg;
  spec.doc = "Straight line segments between (time, value) breakpoints, from the first on each trigger of the "
             "input; holds the last value at the end; 0 before the first trigger.";
  spec.input(kInput, audio("input", "the triggers that start the envelope (samples equal to 1)"));
  spec.input(kList, settable(array("list", "breakpoints [(time, value), ...], times in seconds, increasing")));
  spec.facts.cost = 0.3f;
  spec.stateBytes = sizeof(kernel::trigsegments::State);
  spec.facts.outputRange = kernel::envelope::breakpointsRange(kList);
  spec.algorithm = "on a trigger the time restarts at 0; at t = k/sr after it, Linseg's straight lines through the "
                   "(time, value) pairs (v0 before t0); after the last breakpoint its value, held";
  spec.differences =
      "exact at the breakpoints, as Linseg: pyo 1.0.4 is one sample ahead (measured: [(0, 0), (0.01, 1), (0.02, "
      "0.5)] gives 1/441 on the trigger's sample and 1 on the 440th after it; patchc 0 and 1 on the 441st)";
  spec.streamsNotYet = {"trig"};  // the end-of-envelope triggers
}
