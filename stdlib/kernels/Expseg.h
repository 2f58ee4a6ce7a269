// Expseg(list, loop, exp, inverse, initToFirstVal): exponential segments between breakpoints (Expseg.cpp); its
// state is Envelope.h's.
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Envelope.h"

namespace patchc::kernel::expseg {
enum Input { kList, kLoop, kExp, kInverse, kInitToFirstVal, kPlaying };
}

PATCHC_OBJECT(Expseg) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::expseg;
  spec.doc = "Exponential segments between (time, value) breakpoints; starts with play().";
  spec.input(kList, settable(array("list", "breakpoints [(time, value), ...], times in seconds, increasing")));
  spec.input(kLoop, constant("loop", 0.0f, "1: restart at the end of the list"));
  spec.input(kExp, within(constant("exp", 10.0f, "the curves' exponent: 1 straight lines, higher more curved"),
                          {0.0f, 1e9f, false,
                           "pyo 1.0.4 then outputs inf at each segment's start; patchc takes 0 (a step)",
                           "pyo 1.0.4 and patchc take it as it is (each segment a step at its end)", ""}));
  spec.input(kInverse, constant("inverse", 1.0f, "1: falling segments curve the other way (mirror of rising ones)"));
  spec.input(kInitToFirstVal, constant("initToFirstVal", 0.0f, "1: output the first value until started (else 0)"));
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.5f);
  spec.stateBytes = sizeof(kernel::envelope::State);
  spec.generator = true;
  // Between its breakpoints' values (each curve is a mix of its two ends), and 0 before play() or after stop().
  spec.facts.outputRange = kernel::envelope::breakpointsRange(kList);
  spec.algorithm =
      "v_k + (v_{k+1} − v_k)·f^exp, f = (t − t_k)/(t_{k+1} − t_k) at t = i/sr; a falling segment with inverse "
      "uses 1 − (1 − f)^exp; v0 before t0, the last value after; loop restarts every t_last seconds";
  spec.differences =
      "the same samples as pyo 1.0.4 (measured within 1e-7); `play()` restarts it, `stop()` silences it, as pyo; "
      "`setExp`/`setInverse` are not supported";
}
