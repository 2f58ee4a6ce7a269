// Allpass2(input, freq, bw): Zölzer's second-order allpass (Allpass2.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::allpass2 {
enum Input { kInput, kFreq, kBw };
}

PATCHC_OBJECT(Allpass2) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::allpass2;
  spec.doc = "A second-order allpass: phase -180 degrees at freq, bw Hz between -90 and -270 degrees.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFreq, signal("freq", 1000.0f, "centre frequency in Hz"));
  spec.input(kBw, signal("bw", 100.0f, "bandwidth in Hz"));
  spec.facts = filterFacts(1.0f);
  spec.stateBytes = sizeof(kernel::BiquadHistory);
  spec.algorithm =
      "Zölzer's (DAFX) second-order allpass: c = (tan(π bw/sr) − 1)/(tan(π bw/sr) + 1), d = "
      "−cos(2π freq/sr), trigonometry by the polynomial sine (vectorizes across a bank)";
  spec.differences =
      "same response as pyo (phase −π at freq, ±π/2 points bw apart; impulse response "
      "within 2e-5); zero initial state";
}
