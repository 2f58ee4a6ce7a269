// Expseg(list, loop, exp, inverse, initToFirstVal, playing): exponential curves between breakpoints. `list` is an
// Array input, [(t0, v0), (t1, v1), ...] flattened to t0 v0 t1 v1 ... (times in seconds, increasing). At t = i / sr
// seconds after the start (sample i), in the segment k that holds t, with f = (t − t_k) / (t_{k+1} − t_k):
//   v_k + (v_{k+1} − v_k)·f^exp                 (a rising segment, or any segment when inverse = 0)
//   v_k + (v_{k+1} − v_k)·(1 − (1 − f)^exp)     (a falling segment when inverse = 1: fast first, like a decay)
// v0 before t0, the last value after; with loop = 1 the envelope restarts every t_last seconds. pyo 1.0.4 gives
// these samples (measured: Expseg([(0, 0), (0.01, 1), (0.02, 0.5)], exp=3) within 1e-7 on samples 0 to 1000, both
// inverse values). `playing` is the play()/stop() convention's hidden input (Envelope.h): a new positive value
// restarts it from the first breakpoint, a value ≤ 0 after a positive one silences it (pyo zeroes a stopped
// object's output) until the next play(). Until the first play(): 0, or v0 when initToFirstVal.
#include "stdlib/kernels/Expseg.h"

#include "stdlib/Kernel.h"

#include <algorithm>
#include "stdlib/kernels/Envelope.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::expseg;

PATCHC_KERNEL_INIT(Expseg) { envelope::start(*static_cast<envelope::State*>(state_)); }

PATCHC_KERNEL_PROCESS(Expseg) {
  auto* state = static_cast<envelope::State*>(state_);
  const float* list = in[kList].p;
  const int count = in[kList].count() / 2;
  auto time = [list](int k) { return static_cast<double>(list[2 * k]); };
  auto value = [list](int k) { return static_cast<double>(list[2 * k + 1]); };
  switch (envelope::transport(*state, in[kPlaying].value())) {
    case envelope::Transport::Play:
      state->mode = envelope::kRunning;
      state->elapsed = 0.0;
      state->segment = 0;
      break;
    case envelope::Transport::Stop:
      state->mode = envelope::kSilent;
      break;
    case envelope::Transport::None:
      break;
  }
  if (count == 0 || state->mode == envelope::kSilent) {
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  if (state->mode == envelope::kIdle) {
    const float idle = in[kInitToFirstVal].value() > 0.5f ? static_cast<float>(value(0)) : 0.0f;
    for (int i = 0; i < n; ++i) out[i] = idle;
    return;
  }
  const double exponent = in[kExp].value() > 0.0f ? in[kExp].value() : 0.0;  // NaN and below 0: 0
  const bool inverse = in[kInverse].value() > 0.5f;
  const int last = count - 1;
  const double sampleRate = env->sampleRate;
  const double inverseSampleRate = 1.0 / sampleRate;
  const double cycle = time(last) * sampleRate;
  const bool loop = in[kLoop].value() > 0.5f && cycle > 0.0;
  double elapsed = state->elapsed;
  int segment = std::min(state->segment, last);  // a handler may have assigned a shorter list
  for (int i = 0; i < n; ++i) {
    if (loop && elapsed >= cycle) {
      elapsed = std::fmod(elapsed, cycle);
      segment = 0;
    }
    const double t = elapsed * inverseSampleRate;
    while (segment < last && t >= time(segment + 1)) ++segment;
    double result;
    if (segment == last) {
      result = value(last);
    } else if (t < time(segment)) {
      result = value(0);
    } else {
      const double from = value(segment), to = value(segment + 1);
      double f = (t - time(segment)) / (time(segment + 1) - time(segment));
      f = f < 0.0 ? 0.0 : (f > 1.0 ? 1.0 : f);
      const double curve = inverse && to < from ? 1.0 - std::pow(1.0 - f, exponent) : std::pow(f, exponent);
      result = from + (to - from) * curve;
      // A mix of its two ends, also after rounding (the declared range relies on it).
      const double low = from < to ? from : to, high = from < to ? to : from;
      result = result < low ? low : (result > high ? high : result);
    }
    out[i] = static_cast<float>(result);
    elapsed += 1.0;
  }
  state->elapsed = elapsed;
  state->segment = segment;
}
