// Linseg(list, loop, initToFirstVal, playing): straight lines between breakpoints. `list` is an Array input,
// [(t0, v0), (t1, v1), ...] flattened to t0 v0 t1 v1 ... (times in seconds, increasing). At t = i / sr seconds
// after the start (sample i) the output is
//   v0 for t < t0;  v_k + (v_{k+1} - v_k) (t - t_k) / (t_{k+1} - t_k) for t_k <= t < t_{k+1};  the last value after.
// With loop = 1 the envelope restarts every t_last seconds (sample i reads t = (i / sr) mod t_last), so a cycle
// is as long as the list says. The output is exact at the breakpoints and never overshoots: pyo 1.0.4 is one
// sample ahead (its first sample is already one step up the first line) and overshoots, e.g. to 1.0000452 or
// more (measured: 1.0204 for a 1 ms segment); patchc does not copy that.
// `playing` is the hidden input of the play()/stop() convention (Envelope.h's transport): a new positive value is
// pyo's play(), which restarts the envelope from its first breakpoint; a value ≤ 0 after a positive one is pyo's
// stop(), after which the output is 0 (pyo 1.0.4 zeroes a stopped object's output) until the next play(). Until
// the first play() the output is 0, or v0 when initToFirstVal. An empty list gives 0.
#include "stdlib/kernels/Linseg.h"
#include "stdlib/Kernel.h"
#include "stdlib/kernels/Envelope.h"

#include <algorithm>

using namespace patchc::kernel;
using namespace patchc::kernel::linseg;

namespace {

struct Breakpoints {
  const float* p;
  int count;  // number of (time, value) pairs
  double time(int k) const { return p[2 * k]; }
  double value(int k) const { return p[2 * k + 1]; }
};

}  // namespace

PATCHC_KERNEL_INIT(Linseg) { envelope::start(*static_cast<envelope::State*>(state_)); }

PATCHC_KERNEL_PROCESS(Linseg) {
  auto* state = static_cast<envelope::State*>(state_);
  const Breakpoints points{in[kList].p, in[kList].count() / 2};
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
  if (points.count == 0 || state->mode == envelope::kSilent) {
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  if (state->mode == envelope::kIdle) {  // not started
    const float idle = in[kInitToFirstVal].value() > 0.5f ? static_cast<float>(points.value(0)) : 0.0f;
    for (int i = 0; i < n; ++i) out[i] = idle;
    return;
  }
  const int last = points.count - 1;
  const double sampleRate = env->sampleRate;
  const double inverseSampleRate = 1.0 / sampleRate;
  const double cycle = points.time(last) * sampleRate;  // a loop's length in samples
  const bool loop = in[kLoop].value() > 0.5f && cycle > 0.0;
  double elapsed = state->elapsed;
  int segment = std::min(state->segment, last);  // a handler may have assigned a shorter list
  for (int i = 0; i < n; ++i) {
    if (loop && elapsed >= cycle) {
      elapsed = std::fmod(elapsed, cycle);  // exact; also right for a cycle shorter than a sample
      segment = 0;
    }
    const double t = elapsed * inverseSampleRate;
    while (segment < last && t >= points.time(segment + 1)) ++segment;
    double value;
    if (segment == last) {
      value = points.value(last);
    } else if (t < points.time(segment)) {  // before the first breakpoint
      value = points.value(0);
    } else {
      const double t0 = points.time(segment), t1 = points.time(segment + 1);
      const double v0 = points.value(segment), v1 = points.value(segment + 1);
      value = v0 + (v1 - v0) * (t - t0) / (t1 - t0);
    }
    out[i] = static_cast<float>(value);
    elapsed += 1.0;
  }
  state->elapsed = elapsed;
  state->segment = segment;
}
