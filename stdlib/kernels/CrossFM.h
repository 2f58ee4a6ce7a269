// CrossFM(carrier, ratio, ind1, ind2): cross frequency modulation, carrier and modulator modulating each other
// (CrossFM.cpp): per-lane state and declaration.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::crossfm {

struct State {
  double carrier;    // the carrier's phase in cycles, in [0, 1)
  double modulator;  // the modulator's
  float carrierOut;  // the carrier's last sample, which modulates the modulator's next step
};

enum Input { kCarrier, kRatio, kInd1, kInd2 };

}  // namespace patchc::kernel::crossfm

PATCHC_OBJECT(CrossFM) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::crossfm;
  spec.doc = "Cross frequency modulation: a carrier and a modulator sine modulating each other, mixed half and half.";
  spec.input(kCarrier, signal("carrier", 100.0f, "carrier frequency in Hz"));
  spec.input(kRatio, signal("ratio", 0.5f, "modulator frequency / carrier frequency"));
  spec.input(kInd1, signal("ind1", 2.0f, "the carrier's index: how much it modulates the modulator"));
  spec.input(kInd2, signal("ind2", 2.0f, "the modulator's index: how much it modulates the carrier"));
  spec.facts = oscillatorFacts(3.0f);
  spec.facts.outputRange = always({-1.0f, 1.0f});
  spec.stateBytes = sizeof(State);
  spec.generator = true;
  spec.algorithm =
      "(c + m)/2: m = sin(2π φm), φm stepping (M + c'·carrier·ind1)/sr with M = carrier·ratio and c' the carrier's "
      "previous sample; c = sin(2π φc), φc stepping (carrier + m·M·ind2)/sr; both phases from 0 in double, the "
      "polynomial sine (error 2.5e-7)";
  spec.differences = "pyo reads a 512-point table (measured spectra equal within 1 %)";
}
