// Linseg(list, loop, initToFirstVal): line segments between breakpoints (Linseg.cpp); its state is Envelope.h's.
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Envelope.h"

namespace patchc::kernel::linseg {
enum Input { kList, kLoop, kInitToFirstVal, kPlaying };
}

PATCHC_OBJECT(Linseg) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::linseg;
  spec.doc = "Straight line segments between (time, value) breakpoints; starts with play().";
  spec.input(kList, settable(array("list", "breakpoints [(time, value), ...], times in seconds, increasing")));
  spec.input(kLoop, constant("loop", 0.0f, "1: restart at the end of the list"));
  spec.input(kInitToFirstVal, constant("initToFirstVal", 0.0f, "1: output the first value until started (else 0)"));
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.3f);
  spec.stateBytes = sizeof(kernel::envelope::State);
  spec.generator = true;
  // Between its breakpoints' values, and 0 before play().
  spec.facts.outputRange = kernel::envelope::breakpointsRange(kList);
  spec.algorithm =
      "straight lines through the (time, value) pairs at t = i/sr: v0 before t0, the last "
      "value after; loop restarts every t_last seconds (fractional cycles kept)";
  spec.differences =
      "exact at the breakpoints: **pyo is one sample ahead and overshoots (1.0204 on a 1 ms "
      "segment, 1.0000452 on longer ones)**. Not started: 0, or v0 with initToFirstVal; `play()` restarts it, `stop()` silences it, as pyo";
}
