// Phasor(freq, phase): a ramp from 0 to 1 repeated freq times a second (Phasor.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::phasor {

enum Input { kFreq, kPhase };

struct State {
  double phase;  // in cycles, [0, 1)
};

}  // namespace patchc::kernel::phasor

PATCHC_OBJECT(Phasor) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::phasor;
  spec.doc = "A periodic ramp from 0 to 1 (a phase, a sawtooth without band limiting).";
  spec.input(kFreq, signal("freq", 100.0f, "frequency in Hz"));
  spec.input(kPhase, within(signal("phase", 0.0f, "phase offset in cycles, 0..1"), clampedAsPyo(0.0f, 1.0f)));
  spec.facts = oscillatorFacts(0.3f);
  spec.stateBytes = sizeof(kernel::phasor::State);
  spec.generator = true;
  spec.bipolar = false;  // [0, 1]: .range(min, max) maps 0 to min and 1 to max
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm = "φ + phase, less 1 when above 1; φ accumulates freq/sr a sample in double, from 0";
  spec.differences = "the same samples as pyo 1.0.4 (measured), the phase in double";
}
