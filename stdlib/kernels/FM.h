// FM(carrier, ratio, index): Chowning's simple frequency modulation (FM.cpp): per-lane state and declaration.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::fm {

struct State {
  double carrier;    // the carrier's phase in cycles, in [0, 1)
  double modulator;  // the modulator's
};

enum Input { kCarrier, kRatio, kIndex };

}  // namespace patchc::kernel::fm

PATCHC_OBJECT(FM) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::fm;
  spec.doc = "A simple frequency modulation generator (Chowning): a sine whose frequency a sine modulates.";
  spec.input(kCarrier, signal("carrier", 100.0f, "carrier frequency in Hz"));
  spec.input(kRatio, signal("ratio", 0.5f, "modulator frequency / carrier frequency"));
  spec.input(kIndex, signal("index", 5.0f, "modulation index: the modulator's amplitude / its frequency"));
  spec.facts = oscillatorFacts(2.5f);
  spec.stateBytes = sizeof(State);
  spec.generator = true;
  spec.algorithm =
      "`sin(2π φc)`, φc stepping (carrier + m·index·sin(2π φm))/sr and φm stepping m/sr with m = carrier·ratio, "
      "both from 0, in double; the polynomial sine (error 2.5e-7)";
  spec.differences =
      "pyo reads a 512-point table (sidebands measured equal within 0.1%: J_k(index) of the carrier's level at "
      "carrier ± k·m)";
}
