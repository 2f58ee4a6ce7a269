// MidiAdsr(input, attack, decay, sustain, release): an ADSR envelope that a velocity stream drives (MidiAdsr.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/MidiEnvelope.h"

namespace patchc::kernel::midiadsr {
enum Input { kInput, kAttack, kDecay, kSustain, kRelease, kExp };
}

namespace patchc::declare {
// The times and levels of the MIDI envelopes, as pyo 1.0.4 clamps them when it makes the object.
inline InputSpec midiEnvelopeTime(std::string name, float value, std::string doc) {
  return within(constant(std::move(name), value, std::move(doc)),
                {0.000001f, 1e9f, false, "pyo 1.0.4 and patchc take 0.000001 s", "taken as it is", ""});
}
inline void midiEnvelopeFacts(ObjectSpec& spec) {
  spec.facts = oscillatorFacts(0.3f);
  spec.stateBytes = sizeof(kernel::midienvelope::State);
  spec.bipolar = false;
}
}  // namespace patchc::declare

PATCHC_OBJECT(MidiAdsr) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::midiadsr;
  spec.doc = "An attack-decay-sustain-release envelope driven by a velocity stream (Notein['velocity']).";
  spec.input(kInput, audio("input", "the velocity stream: a rise from 0 starts the attack, a fall to 0 the release"));
  spec.input(kAttack, midiEnvelopeTime("attack", 0.01f, "attack time in seconds"));
  spec.input(kDecay, midiEnvelopeTime("decay", 0.05f, "decay time in seconds"));
  spec.input(kSustain, within(constant("sustain", 0.7f, "sustain level, a fraction of the velocity"),
                              clampedAsPyo(0.0f, 1.0f)));
  spec.input(kRelease, midiEnvelopeTime("release", 0.1f, "release time in seconds"));
  spec.input(kExp, hidden("exp", 1.0f, "setExp(x): the envelope raised to x"));
  midiEnvelopeFacts(spec);
  spec.algorithm =
      "straight lines at t seconds from the input's rise from 0 to v: from the level it had up to v in attack, down "
      "to v·sustain in decay, then held; from its fall to 0: from the level it had down to 0 in release";
  spec.differences = "an attack starts from the envelope's last level (pyo 1.0.4 takes the level at the same index "
                     "of its previous block); times and sustain are fixed when compiling";
}
