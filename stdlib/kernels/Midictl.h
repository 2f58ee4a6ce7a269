// Midictl(ctlnumber, minscale, maxscale, init, channel): a MIDI controller's value, scaled (Midictl.cpp).
#pragma once

#include "stdlib/Declare.h"
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
  spec.input(kMinscale, constant("minscale", 0.0f, "the value for 0"));
  spec.input(kMaxscale, constant("maxscale", 1.0f, "the value for 127"));
  spec.input(kInit, constant("init", 0.0f, "the value before the first message"));
  spec.input(kChannel, constant("channel", 0.0f, "MIDI channel, 1-16; 0 takes every channel"));
  spec.input(kMidi, midiEvents());
  spec.facts = oscillatorFacts(0.05f);
  spec.facts.timeInvariant = false;
  spec.stateBytes = sizeof(kernel::midi::HeldValue);
  spec.generator = true;
  spec.bipolar = false;
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    return join(join(q.input(kMinscale), q.input(kMaxscale)), q.input(kInit));
  };
  spec.algorithm = "at each control change of the controller (on the channel), from its sample on: "
                   "value / 127 · (maxscale − minscale) + minscale; init before the first";
  spec.differences = "none known; setInterpolation() does nothing (deprecated in pyo 1.0.4, which only prints so)";
}
