// ButHP(input, freq): second-order Butterworth highpass (ButHP.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::buthp {
enum Input { kInput, kFreq };
}

PATCHC_OBJECT(ButHP) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::buthp;
  spec.doc = "A second-order Butterworth highpass filter.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFreq, signal("freq", 1000.0f, "cutoff frequency in Hz"));
  spec.facts = filterFacts(1.0f);
  spec.stateBytes = sizeof(kernel::BiquadHistory);
  spec.algorithm = "Csound's bilinear Butterworth designs (bandwidth freq/q)";
  spec.differences = "none measurable (impulse responses within 4e-7)";
}
