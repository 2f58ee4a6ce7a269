// RCOsc(freq, sharp): pyo's waveform of a capacitor charging and discharging (RCOsc.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::rcosc {

enum Input { kFreq, kSharp };

struct State {
  double phase;  // in half cycles, [0, 2): charging in [0, 1), discharging in [1, 2)
};

}  // namespace patchc::kernel::rcosc

PATCHC_OBJECT(RCOsc) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::rcosc;
  spec.doc = "An oscillator imitating a capacitor charged and discharged through a resistor (RC circuit).";
  spec.input(kFreq, signal("freq", 100.0f, "frequency in Hz"));
  spec.input(kSharp, within(signal("sharp", 0.25f, "sharpness 0..1: 0 a triangle, 1 nearly a square"),
                            clampedAsPyo(0.0f, 1.0f)));
  spec.facts = oscillatorFacts(2.0f);
  spec.stateBytes = sizeof(kernel::rcosc::State);
  spec.generator = true;
  spec.facts.outputRange = always({-1.0f, 1.0f});  // (1 − d^k + u^k)·2 − 3 with d, u in [0, 1]
  spec.algorithm =
      "a phase p in half cycles, k = 1 + 99·sharp²: (1 − (1 − p)^k)·2 − 1 while charging (p < 1), "
      "(2 − p)^k·2 − 1 while discharging";
  spec.differences = "the same formula as pyo 1.0.4 (harmonics and waveform measured within 1 %), phase in double";
}
