// What Midictl, Bendin and Touchin share: a value that one kind of MIDI message sets, held from that message's
// sample on (pyo's *_compute_next_data_frame: the old value up to the event's sample, the new one from it).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/MidiEvents.h"

namespace patchc::kernel::midi {

struct HeldValue {
  Clock clock;
  float value;
  float padding;
};

// `take(event, value)` returns true and sets value when the event is one the object follows.
template <typename Take>
inline void holdValue(HeldValue& state, const In& events, float* out, int n, Take take) {
  float value = state.value;
  int done = 0;
  eachEvent(state.clock, events, n, [&](const Event& e, int at) {
    float next = value;
    if (!take(e, next)) return;
    for (int i = done; i < at; ++i) out[i] = value;
    done = at;
    value = next;
  });
  for (int i = done; i < n; ++i) out[i] = value;
  state.value = value;
}

}  // namespace patchc::kernel::midi

namespace patchc::declare {

// The inputs and facts of a held MIDI value after the object's own inputs: `channel` and the block's events.
inline void heldMidiValue(ObjectSpec& spec, int channel, int midi) {
  spec.input(channel, constant("channel", 0.0f, "MIDI channel, 1-16; 0 takes every channel"));
  spec.input(midi, midiEvents());
  spec.facts = oscillatorFacts(0.05f);
  spec.facts.timeInvariant = false;
  spec.stateBytes = sizeof(kernel::midi::HeldValue);
  spec.generator = true;
}

// A 0..127 value mapped to minscale..maxscale, `init` before the first message (Midictl, Touchin): those three
// inputs, then heldMidiValue's, and the range they give.
inline void scaledMidiValue(ObjectSpec& spec, int minscale, int maxscale, int init, int channel, int midi) {
  spec.input(minscale, constant("minscale", 0.0f, "the value for 0"));
  spec.input(maxscale, constant("maxscale", 1.0f, "the value for 127"));
  spec.input(init, constant("init", 0.0f, "the value before the first message"));
  heldMidiValue(spec, channel, midi);
  spec.bipolar = false;
  spec.facts.outputRange = [minscale, maxscale, init](const RangeQuery& q) -> Range {
    return join(join(q.input(minscale), q.input(maxscale)), q.input(init));
  };
}

inline constexpr const char* kHeldMidiValueDifferences =
    "none known; setInterpolation() does nothing (deprecated in pyo 1.0.4, which only prints so)";

}  // namespace patchc::declare
