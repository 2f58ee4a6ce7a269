// Midictl(ctlnumber, minscale, maxscale, init, channel): a MIDI controller's value, scaled (Midictl.cpp).
#pragma once

#include "stdlib/kernels/MidiValue.h"

namespace patchc::kernel::midictl {
enum Input { kCtlnumber, kMinscale, kMaxscale, kInit, kChannel, kMidi };
}

PATCHC_OBJECT(Midictl) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::midictl;
  spec.doc = "The value of a MIDI controller, mapped from 0..127 to minscale..maxscale.";
  spec.input(kCtlnumber, makeInput("ctlnumber", InputKind::Constant, std::nullopt, "controller number, 0-127"));
  scaledMidiValue(spec, kMinscale, kMaxscale, kInit, kChannel, kMidi);
  spec.algorithm = "at each control change of the controller (on the channel), from its sample on: "
                   "value / 127 · (maxscale − minscale) + minscale; init before the first";
  spec.differences = kHeldMidiValueDifferences;
}
