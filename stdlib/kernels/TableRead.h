// TableRead(table, freq, loop, interp, playing): a table read once or looped, started by play() (TableRead.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::tableread {

struct State {
  double position;  // in samples of the table
  float playing;    // the last `playing` seen (Registry.h: the play()/stop() generation)
  int going;        // 1 while reading; 0 before play(), after stop() and after the end of a single read
  int first;        // pyo's init flag: the first wrap below 0 is no end
};

enum Input { kTable, kFreq, kLoop, kInterp, kPlaying };

}  // namespace patchc::kernel::tableread

PATCHC_OBJECT(TableRead) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::tableread;
  spec.doc = "Reads a table from its start at freq times its length per second, once or looped; starts with play().";
  spec.input(kTable, table("table", "the table read (each channel gives a stream)"));
  spec.input(kFreq, signal("freq", 1.0f, "readings of the whole table per second (table.getRate(): its pitch)"));
  spec.input(kLoop, constant("loop", 0.0f, "1: start again at the end, 0: read once, then output 0"));
  spec.input(kInterp, within(constant("interp", 2.0f, "interpolation: 1 none, 2 linear, 3 cosine, 4 cubic"),
                             {1.0f, 4.0f, true, "pyo 1.0.4 has no interpolation below 1; patchc uses 1 (none)",
                              "pyo 1.0.4 has no interpolation above 4; patchc uses 4 (cubic)",
                              "pyo 1.0.4 refuses it (interp takes an int); patchc uses its whole part"}));
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(1.2f);
  spec.stateBytes = sizeof(kernel::tableread::State);
  spec.generator = true;
  spec.algorithm =
      "as pyo: play() sets the position to 0; each sample reads at the position (pyo's interpolations), "
      "then steps by freq·size/sr; at the end (or below 0 with a negative freq) it wraps when looping, else "
      "outputs 0 until played again; stop() outputs 0";
  spec.differences =
      "before its first play() pyo's TableRead holds the table's first sample (without mul); patchc outputs 0";
  spec.streamsNotYet = {"trig"};  // the end-of-table triggers
}
