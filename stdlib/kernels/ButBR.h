// ButBR(input, freq, q): second-order Butterworth band-reject (ButBR.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::butbr {
enum Input { kInput, kFreq, kQ };
}

PATCHC_OBJECT(ButBR) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::butbr;
  spec.doc = "A second-order Butterworth band-reject (notch) filter.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFreq, signal("freq", 1000.0f, "centre frequency in Hz"));
  spec.input(kQ, within(signal("q", 1.0f, "Q: centre frequency / bandwidth, 1..500"),
                        {1.0f, 500.0f, false, "pyo 1.0.4 uses 1; patchc uses it as given (down to 0.01)",
                         "pyo 1.0.4 filters with it all the same, patchc too (up to 10000)", ""}));
  spec.facts = filterFacts(1.0f);
  spec.stateBytes = sizeof(kernel::BiquadHistory);
  spec.algorithm = "Csound's bilinear Butterworth band-reject design (bandwidth freq/q), as pyo 1.0.4";
  spec.differences = "q below 1 is used as given (pyo 1.0.4 takes 1)";
}
