// Snap(input, choice, scale): per-lane state (its kernel: Snap.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::snap {

struct State {
  float value;      // the note chosen, converted
  float lastInput;  // the input it was chosen for: a change within ±0.001 keeps it
};

enum Input { kInput, kChoice, kScale };

}  // namespace patchc::kernel::snap

PATCHC_OBJECT(Snap) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::snap;
  spec.doc = "Snaps MIDI notes to the nearest of a scale's notes, in any octave; outputs MIDI, Hz or a transposition.";
  spec.input(kInput, audio("input", "MIDI note numbers to snap"));
  spec.input(kChoice, array("choice", "the scale: notes of one or more octaves, in increasing order"));
  spec.input(kScale, within(constant("scale", 0.0f, "output: 0 MIDI notes, 1 Hz, 2 transposition factor (note 60 = 1)"),
                            ValidRange{0.0f, 2.0f, true, "pyo 1.0.4 and patchc output MIDI notes",
                                       "pyo 1.0.4 and patchc output MIDI notes", "pyo 1.0.4 refuses it (it takes an int)"}));
  spec.facts.cost = 2.0f;
  spec.stateBytes = sizeof(kernel::snap::State);
  spec.algorithm =
      "when the input moves by more than 0.001: its octave (of the scale's span, whole 12s above its last note) "
      "taken off, the nearest note of choice, the octave put back, truncated to a whole note, then as is, "
      "8.1757989156437·1.0594630943593^note Hz or 1.0594630943593^(note − 60); 0 until the input first moves";
  spec.differences = "as pyo; an input above the scale counts its octaves by division (pyo subtracts them one by one)";
}
