// MidiDelAdsr(input, delay, attack, decay, sustain, release): MidiAdsr with a delay before the attack
// (MidiDelAdsr.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/MidiAdsr.h"

namespace patchc::kernel::midideladsr {
enum Input { kInput, kDelay, kAttack, kDecay, kSustain, kRelease, kExp };
}

PATCHC_OBJECT(MidiDelAdsr) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::midideladsr;
  spec.doc = "A delay-attack-decay-sustain-release envelope driven by a velocity stream (Notein['velocity']).";
  spec.input(kInput, audio("input", "the velocity stream: a rise from 0 starts the delay, a fall to 0 the release"));
  spec.input(kDelay, within(constant("delay", 0.0f, "seconds of silence before the attack"),
                            {0.0f, 1e9f, false, "pyo 1.0.4 and patchc take 0", "taken as it is", ""}));
  spec.input(kAttack, midiEnvelopeTime("attack", 0.01f, "attack time in seconds"));
  spec.input(kDecay, midiEnvelopeTime("decay", 0.05f, "decay time in seconds"));
  spec.input(kSustain, within(constant("sustain", 0.7f, "sustain level, a fraction of the velocity"),
                              clampedAsPyo(0.0f, 1.0f)));
  spec.input(kRelease, midiEnvelopeTime("release", 0.1f, "release time in seconds"));
  spec.input(kExp, hidden("exp", 1.0f, "setExp(x): the envelope raised to x"));
  midiEnvelopeFacts(spec);
  spec.algorithm = "MidiAdsr's lines after `delay` seconds of 0 from the input's rise from 0";
  spec.differences = "as MidiAdsr's: an attack starts from the envelope's last level; times fixed when compiling";
}
