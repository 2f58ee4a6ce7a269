// What Midictl, Bendin and Touchin share: a value that one kind of MIDI message sets, held from that message's
// sample on (pyo's *_compute_next_data_frame: the old value up to the event's sample, the new one from it).
#pragma once

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
