// Osc(table, freq, phase, interp): a table read as one period of a waveform (Osc.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::osc {

struct State {
  double position;  // in samples of the table, in [0, size)
};

enum Input { kTable, kFreq, kPhase, kInterp };

}  // namespace patchc::kernel::osc

PATCHC_OBJECT(Osc) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::osc;
  spec.doc = "A wavetable oscillator: reads a table as one period, freq times a second.";
  spec.input(kTable, table("table", "the waveform's period (a table; each channel gives a stream)"));
  spec.input(kFreq, signal("freq", 1000.0f, "frequency in Hz"));
  spec.input(kPhase, signal("phase", 0.0f, "phase offset, in periods (0..1)"));
  spec.input(kInterp, within(constant("interp", 2.0f, "interpolation: 1 none, 2 linear, 3 cosine, 4 cubic"),
                             {1.0f, 4.0f, true, "pyo 1.0.4 has no interpolation below 1; patchc uses 1 (none)",
                              "pyo 1.0.4 has no interpolation above 4; patchc uses 4 (cubic)",
                              "pyo 1.0.4 refuses it (interp takes an int); patchc uses its whole part"}));
  spec.facts = oscillatorFacts(1.2f);
  spec.stateBytes = sizeof(kernel::osc::State);
  spec.generator = true;
  spec.algorithm =
      "as pyo: the position (double, in samples) steps by freq·size/sr *before* each read, wraps into "
      "[0, size); phase·size is added and wrapped once more; pyo's interpolations (cubic: 4-point Lagrange)";
  spec.differences = "pyo reads a phase below 0 outside its table; patchc wraps it";
}
