// Notein(poly, scale, first, last, channel): MIDI notes into a fixed pool of `poly` voices, each with a pitch, a
// velocity and note-on / note-off trigger streams (Notein.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/MidiEvents.h"

namespace patchc::kernel::notein {
enum Input { kPoly, kScale, kFirst, kLast, kChannel, kStealing, kMidi };

// The outputs, `poly` of each: pitches, velocities, note-on triggers, note-off triggers (Notein['pitch'], ...).
enum Group { kPitch, kVelocity, kTrigOn, kTrigOff };
inline constexpr int kGroups = 4;
inline constexpr int kMostVoices = 64;  // 256 outputs: declare::kMostCountedOutputs

struct Voice {
  int32_t pitch;       // the MIDI note held, −1 when free
  int32_t velocity;    // 0 when free
  float pitchOut;      // what the pitch stream holds (the last note's, after its note-off: pyo's lastpitch)
  float velocityOut;   // velocity / 127
};

struct State {
  midi::Clock clock;
  int32_t lastVoice;  // pyo's vcount: the voice the last note went to
  int32_t padding;
  Voice voices[kMostVoices];
};

inline int voices(float poly) {
  if (!(poly >= 1.0f)) return 1;
  return poly >= static_cast<float>(kMostVoices) ? kMostVoices : static_cast<int>(poly);
}
}  // namespace patchc::kernel::notein

PATCHC_OBJECT(Notein) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::notein;
  spec.doc = "MIDI notes into `poly` voices: Notein['pitch'], ['velocity'] (0..1), ['trigon'] and ['trigoff'] streams.";
  ValidRange poly{1.0f, static_cast<float>(kMostVoices), true,
                  "pyo 1.0.4 crashes (its voice search divides by the number of voices)",
                  "patchc has at most " + number(static_cast<float>(kMostVoices)) +
                      " voices (4 streams each; one node has at most 256)",
                  "pyo 1.0.4 refuses it (it takes an int)"};
  poly.refused = true;
  spec.input(kPoly, within(constant("poly", 10.0f, "number of voices: streams of each kind"), poly));
  spec.input(kScale, within(constant("scale", 0.0f, "pitch as 0: MIDI note, 1: Hz, 2: transposition factor from the "
                                                    "central key (first + last) / 2"),
                            {0.0f, 2.0f, true, "pyo 1.0.4 and patchc output -1 as the pitch of every note",
                             "pyo 1.0.4 and patchc output -1 as the pitch of every note",
                             "pyo 1.0.4 refuses it (it takes an int)"}));
  spec.input(kFirst, constant("first", 0.0f, "lowest MIDI note taken"));
  spec.input(kLast, constant("last", 127.0f, "highest MIDI note taken"));
  spec.input(kChannel, constant("channel", 0.0f, "MIDI channel, 1-16; 0 takes every channel"));
  spec.input(kStealing, hidden("stealing", 0.0f, "setStealing(True): a note with every voice busy takes the next "
                                                 "voice in turn (default: it is ignored)"));
  spec.input(kMidi, midiEvents());
  spec.outputCountInput = kPoly;
  spec.streamOrder = StreamOrder::LaneMajor;
  spec.outputCountFor = [](const ConstantInputs& c) { return kGroups * voices(c[kPoly]); };
  spec.streamGroups = {"pitch", "velocity", "trigon", "trigoff"};
  spec.mulAddGroup = "velocity";
  spec.facts = oscillatorFacts(0.2f);
  spec.facts.timeInvariant = false;  // its output follows the MIDI events' frames
  spec.stateBytes = sizeof(kernel::notein::State);
  spec.generator = true;
  spec.bipolar = false;
  spec.algorithm =
      "each note event in the block is taken at its own sample: a note-on (channel, first..last, velocity 1..127) of "
      "a pitch not held goes to the next free voice after the last one used, round robin (with setStealing(True), "
      "to the next voice whether free or not); a note-off (or note-on with velocity 0) frees the voice holding its "
      "pitch. The pitch stream keeps the last note's pitch after its note-off; the velocity stream is velocity/127 "
      "while held, 0 after; the trigger streams are 1 on the event's sample";
  spec.differences =
      "pyo 1.0.4 takes a block's events at their sample, but a voice's stream jumps once per block (to the state "
      "after the block's last event); patchc follows every event at its sample (two notes in one block both sound). "
      "mul and add apply to the velocity streams, as pyo; Notein itself is not meant for out() (pyo bypasses it). "
      "Up to 64 voices; holdmode (setHoldmode), setFirstVelocity/setLastVelocity and setCentralKey are not "
      "supported yet. keyboard() does nothing; pm_list_devices() prints nothing when compiling (the program's "
      "--list-devices lists the MIDI inputs where it runs), s.setMidiInputDevice(n) is --midi-device";
}
