// The measure of Beat and Euclide (Beat.cpp, Euclide.cpp): a pattern of up to 64 taps, one every `time` seconds,
// a trigger on each tap the pattern has on, the measure repeated. pyo 1.0.4's clock (measured): play() starts it
// full, so tap 0 is on the first sample; the clock then sums 1/sr a sample in double and a tap comes on the sample
// where it reaches `time` (which it then loses): Beat(0.125) taps on samples 0, 5513, 11026, 16538, ...;
// Beat(0.01) on 0, 442, 883, 1324, ... `playing` is the play()/stop() convention's hidden input: each play()
// restarts the measure from tap 0, stop() silences it and freezes it. With onlyonce the object stops itself after
// one measure.
#pragma once

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

#include <cstdint>

namespace patchc::kernel::beats {

constexpr int kMaxTaps = 64;  // pyo's limit

struct State {
  double clock;         // seconds since the last tap; < 0: the next sample starts a measure (pyo's −1)
  int32_t tap;          // the tap the clock reaches next
  int32_t taps;         // the measure's length, fixed at init as pyo's
  int32_t done;         // onlyonce: the measure has ended
  float lastPlaying;    // the hidden `playing` input's value in the last call
  uint8_t on[kMaxTaps];  // the pattern: 1 where a tap triggers
};

// pyo takes whole taps, at most 64; fewer than 1 makes no measure.
inline int32_t tapsOf(float taps) {
  if (!(taps >= 1.0f)) return 0;
  return taps >= static_cast<float>(kMaxTaps) ? kMaxTaps : static_cast<int32_t>(taps);
}

inline void start(State& state, int32_t taps) {
  state.clock = -1.0;
  state.tap = 0;
  state.taps = taps;
  state.done = 0;
  state.lastPlaying = 0.0f;
  for (int i = 0; i < kMaxTaps; ++i) state.on[i] = 0;
}

// One process call: `time` is the Signal input, `playing` the hidden input's value, `onlyonce` a number.
inline void process(State& state, const In& time, float playing, bool onlyonce, float* out, int n,
                    const Env* env) {
  if (playing > 0.0f && playing != state.lastPlaying) {  // a play(): the measure from its start
    state.clock = -1.0;
    state.tap = 0;
    state.done = 0;
  }
  state.lastPlaying = playing;
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  if (!(playing > 0.0f) || state.done || state.taps == 0) return;  // never played, stopped, or ended
  const double step = 1.0 / static_cast<double>(env->sampleRate);
  const bool constantTime = time.stride == 0;
  // A constant time is the double the script wrote, as pyo's (KernelMath.h: the rounding decides the sample).
  const double fixedTime = constantTime ? writtenAsDecimal(time[0]) : 0.0;
  double clock = state.clock;
  if (clock < 0.0) clock = constantTime ? fixedTime : static_cast<double>(time[0]);
  for (int i = 0; i < n; ++i) {
    const double period = constantTime ? fixedTime : static_cast<double>(time[i]);
    if (clock >= period) {
      clock -= period;
      if (state.on[state.tap]) out[i] = 1.0f;
      if (++state.tap >= state.taps) {
        state.tap = 0;
        if (onlyonce) {  // pyo stops the object at the end of the measure
          state.done = 1;
          break;
        }
      }
    }
    clock += step;
  }
  state.clock = clock;
}

}  // namespace patchc::kernel::beats
