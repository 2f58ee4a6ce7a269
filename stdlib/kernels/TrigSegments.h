// The breakpoint envelopes a trigger starts (TrigLinseg, TrigExpseg): their state and the value at t seconds after
// the trigger. Like Linseg and Expseg (Envelope.h) they count samples since the start in a double, so breakpoints
// land on the same samples however long the patch runs.
#pragma once

#include "stdlib/Kernel.h"

#include <cmath>
#include <cstdint>

namespace patchc::kernel::trigsegments {

struct State {
  double elapsed;   // samples since the last trigger
  int32_t segment;  // the segment [point k, point k+1] that holds `elapsed`
  int32_t running;  // 1 from a trigger to the last breakpoint
  float held;       // the output while not running: 0 before the first trigger, then the last value
};

inline void start(State& state) {
  state.elapsed = 0.0;
  state.segment = 0;
  state.running = 0;
  state.held = 0.0f;
}

// `list` is [(t0, v0), (t1, v1), ...] flattened, `count` pairs (at least 1). The curve maps the fraction f of a
// segment, from its value `from` to `to`, to the fraction of the way: f for straight lines (exponent 1, no
// inverse). Advances `segment`; returns the value at t, and whether t is past the last breakpoint.
inline double valueAt(const float* list, int count, int32_t& segment, double t, double exponent, bool inverse,
                      bool& ended) {
  auto time = [list](int k) { return static_cast<double>(list[2 * k]); };
  auto value = [list](int k) { return static_cast<double>(list[2 * k + 1]); };
  const int last = count - 1;
  if (segment > last) segment = last;  // a handler may have assigned a shorter list
  while (segment < last && t >= time(segment + 1)) ++segment;
  ended = segment == last && t >= time(last);
  if (segment == last) return value(last);
  if (t < time(segment)) return value(0);  // before the first breakpoint
  const double from = value(segment), to = value(segment + 1);
  double f = (t - time(segment)) / (time(segment + 1) - time(segment));
  f = f < 0.0 ? 0.0 : (f > 1.0 ? 1.0 : f);
  double curve = f;
  if (exponent != 1.0 || inverse)
    curve = inverse && to < from ? 1.0 - std::pow(1.0 - f, exponent) : std::pow(f, exponent);
  const double result = from + (to - from) * curve;
  const double low = from < to ? from : to, high = from < to ? to : from;  // a mix of its ends, after rounding too
  return result < low ? low : (result > high ? high : result);
}

// One process call: a trigger (an input sample equal to 1) restarts the envelope from its first breakpoint.
inline void process(State& state, const In& input, const In& list, double exponent, bool inverse, float* out, int n,
                    const Env* env) {
  const int count = list.count() / 2;
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  for (int i = 0; i < n; ++i) {
    if (input[i] == 1.0f && count > 0) {
      state.elapsed = 0.0;
      state.segment = 0;
      state.running = 1;
    }
    if (state.running && count > 0) {  // a handler may have assigned an empty list
      bool ended = false;
      const double v = valueAt(list.p, count, state.segment, state.elapsed * inverseSampleRate, exponent, inverse,
                               ended);
      state.held = static_cast<float>(v);
      if (ended) state.running = 0;
      state.elapsed += 1.0;
    }
    out[i] = state.held;
  }
}

}  // namespace patchc::kernel::trigsegments
