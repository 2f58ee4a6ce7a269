// What MidiAdsr and MidiDelAdsr share: pyo 1.0.4's MIDI-triggered envelope, driven by a velocity stream (Notein's):
// a rise from 0 starts the attack towards that velocity, a fall to 0 the release (MidiAdsr.cpp, MidiDelAdsr.cpp).
#pragma once

#include "stdlib/Kernel.h"

#include <cmath>

namespace patchc::kernel::midienvelope {

struct State {
  double time;       // seconds since the attack or the release started
  float last;        // the last output (before exp)
  float top;         // the level the release starts from
  float offset;      // the level the attack starts from
  float peak;        // the velocity that started the attack
  float sustainLevel;
  float expScale;
  int held;          // 1 from the rise to the fall of the input
  int padding;
};

// pyo's clamps: times below 0.000001 s are 0.000001, the sustain is in [0, 1].
inline float time(float t) { return t < 0.000001f ? 0.000001f : t; }
inline float level(float s) { return s < 0.0f ? 0.0f : (s > 1.0f ? 1.0f : s); }

inline void init(State& s) { s = State{0.0, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0, 0}; }

// One sample: the input x (the velocity), the delay before the attack (0 for MidiAdsr).
inline float step(State& s, float x, float delay, float attack, float decay, float sustain, float release,
                  float exp, float sampleToSec) {
  if (!s.held && x > 0.0f) {
    s.held = 1;
    s.peak = x;
    s.expScale = exp != 1.0f ? std::pow(x, 1.0f / exp) / x : 1.0f;
    s.offset = s.last;
    s.sustainLevel = x * sustain;
    s.time = 0.0;
  } else if (s.held && x == 0.0f) {
    s.held = 0;
    s.time = 0.0;
  }
  float value;
  if (s.held) {
    const double t = s.time;
    if (t < delay) value = 0.0f;
    else if (t <= delay + attack)
      value = static_cast<float>((t - delay) * (1.0f / attack) * (s.peak - s.offset) + s.offset);
    else if (t <= delay + attack + decay)
      value = static_cast<float>((decay - (t - delay - attack)) * (1.0f / decay) * (s.peak - s.sustainLevel) +
                                 s.sustainLevel);
    else value = s.sustainLevel;
    s.top = value;
  } else {
    value = s.time <= release ? static_cast<float>(s.top * (1.0 - s.time * (1.0f / release))) : 0.0f;
  }
  s.last = value;
  s.time += sampleToSec;
  return exp != 1.0f ? std::pow(value * s.expScale, exp) : value;
}

}  // namespace patchc::kernel::midienvelope
