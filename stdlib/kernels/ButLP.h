// ButLP(input, freq): second-order Butterworth lowpass (ButLP.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::butlp {
enum Input { kInput, kFreq };
}

PATCHC_OBJECT(ButLP) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::butlp;
  spec.doc = "A second-order Butterworth lowpass filter.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFreq, signal("freq", 1000.0f, "cutoff frequency in Hz"));
  spec.facts = filterFacts(1.0f);
  spec.stateBytes = sizeof(kernel::BiquadHistory);
  spec.algorithm = "Csound's bilinear Butterworth designs (bandwidth freq/q)";
  spec.differences = "none measurable (impulse responses within 4e-7)";
}
