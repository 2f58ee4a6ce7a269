// OscLoop(table, freq, feedback): a wavetable oscillator whose read position its own last sample offsets
// (OscLoop.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/TableValues.h"

namespace patchc::kernel::oscloop {

struct State {
  double position;  // in samples of the table, in [0, size)
  float last;       // the last sample, which offsets the next read by last·feedback·size
};

enum Input { kTable, kFreq, kFeedback };

}  // namespace patchc::kernel::oscloop

PATCHC_OBJECT(OscLoop) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::oscloop;
  spec.doc = "A wavetable oscillator with feedback: its last sample offsets where it reads next.";
  spec.input(kTable, table("table", "the waveform's period (a table; each channel gives a stream)"));
  spec.input(kFreq, signal("freq", 1000.0f, "frequency in Hz"));
  spec.input(kFeedback, signal("feedback", 0.0f, "how much the last sample offsets the read, 0..1 (of the table)"));
  spec.facts = oscillatorFacts(1.5f);
  spec.facts.outputRange = withinTable(kTable, false);  // linear interpolation between its numbers
  spec.stateBytes = sizeof(State);
  spec.generator = true;
  spec.algorithm =
      "as pyo: the position (double, in samples) steps by freq·size/sr before each read and wraps into [0, size); "
      "it is read at position + last·clip(feedback, 0, 1)·size, wrapped, with linear interpolation";
  spec.differences = "pyo wraps the offset position once (a larger offset reads outside its table); patchc wraps it "
                     "fully";
}
