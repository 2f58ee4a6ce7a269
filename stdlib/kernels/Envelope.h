// The envelopes' (Fader, Adsr, Linseg, Expseg) per-lane state and their reading of play() and stop().
// They count the samples since they started in a double (exact integers up to 2^53 samples), so their
// breakpoints land on the same samples however long they run.
#pragma once

#include "stdlib/Registry.h"

#include <functional>

namespace patchc::kernel::envelope {

// Linseg's and Expseg's output range: the values of the breakpoints in Array input `list` ([(t, v), ...]
// flattened to t0 v0 t1 v1 ...; every curve between two points stays between their values), and 0 (before play(),
// after stop()).
inline std::function<Range(const RangeQuery&)> breakpointsRange(size_t list) {
  return [list](const RangeQuery& q) -> Range {
    auto points = q.array(list);
    if (!points) return std::nullopt;
    Interval range = Interval::point(0.0f);
    for (size_t i = 1; i < points->size(); i += 2) range = join(range, Interval::point((*points)[i]));
    return range;
  };
}

// Where an envelope is: before its first play(), running from a play(), releasing after a stop() (Fader, Adsr
// with dur 0), or silent after a stop() or its end.
enum Mode : int { kIdle = 0, kRunning, kReleasing, kSilent };

struct State {
  double elapsed;     // samples since the envelope (or its release) started; since the cycle's start when looping
  int segment;        // Linseg, Expseg: the segment [point k, point k+1] that holds `elapsed`
  int mode;           // Mode
  float lastPlaying;  // the hidden `playing` input's value in the last call
  float level;        // Fader, Adsr: the last level output (before any stop): a play() rises from it, as pyo's
  float offset;       // ... the level the running envelope started from
  float top;          // ... the level its release falls from
};

// What happened to the hidden `playing` input (DESIGN's play()/stop() convention: 0 never started, the n-th
// play() sets n, a stop() sets −n) since the last call.
enum class Transport { None, Play, Stop };

inline Transport transport(State& state, float playing) {
  Transport event = Transport::None;
  if (playing > 0.0f && playing != state.lastPlaying) event = Transport::Play;
  else if (!(playing > 0.0f) && state.lastPlaying > 0.0f) event = Transport::Stop;
  state.lastPlaying = playing;
  return event;
}

inline void start(State& state) {
  state.elapsed = 0.0;
  state.segment = 0;
  state.mode = kIdle;
  state.lastPlaying = 0.0f;
  state.level = state.offset = state.top = 0.0f;
}

}  // namespace patchc::kernel::envelope
