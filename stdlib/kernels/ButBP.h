// ButBP(input, freq, q): second-order Butterworth bandpass (ButBP.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::butbp {
enum Input { kInput, kFreq, kQ };
}

PATCHC_OBJECT(ButBP) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::butbp;
  spec.doc = "A second-order Butterworth bandpass filter.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFreq, signal("freq", 1000.0f, "centre frequency in Hz"));
  spec.input(kQ, within(signal("q", 1.0f, "Q: centre frequency / bandwidth, 1..500"),
                        {1.0f, 500.0f, false, "pyo 1.0.4 uses 1; patchc uses it as given (down to 0.01)",
                         "pyo 1.0.4 filters with it all the same, patchc too (up to 10000)", ""}));
  spec.facts = filterFacts(1.0f);
  spec.stateBytes = sizeof(kernel::BiquadHistory);
  spec.algorithm = "Csound's bilinear Butterworth designs (bandwidth freq/q)";
  spec.differences = "none measurable (impulse responses within 4e-7)";
}
