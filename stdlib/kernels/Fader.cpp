// Fader(fadein, fadeout, dur, playing): a linear fade-in / fade-out envelope between 0 and 1. At t = i / sr
// seconds after play() (sample i), rising from the level it had then (`from`: 0 the first time),
//   dur = 0: from + (1 − from) · min(t / fadein, 1)                 (fades in and holds until stop())
//   dur > 0: max(0, min(that, (dur − t) / fadeout))                  (reaches 0 at dur, then stays 0)
// and after stop(), from the level it had then: level · (1 − t / fadeout), then 0. This is pyo 1.0.4's Fader
// (measured: the first sample is 0, sample i is i / (fadein · sr); a play() while rising restarts the rise from
// the current level, 0.508 → 1 over fadein; stop() falls linearly from the current level over fadeout). A zero
// fadein or fadeout is a step; overlapping fades give the lower ramp.
// `playing` (stdlib/Declare.h's playing()) changes between blocks: a new positive value is a play(), a value <= 0
// after a positive one a stop(). Before the first play() the output is 0 and the clock does not run.
#include "stdlib/kernels/Fader.h"
#include "stdlib/Kernel.h"
#include "stdlib/kernels/Envelope.h"

using namespace patchc::kernel;
using namespace patchc::kernel::fader;

namespace {

inline double rise(double t, double from, double fadein, double fadeout, double dur) {
  double value = fadein > 0.0 ? t / fadein : 1.0;
  if (value > 1.0) value = 1.0;
  value = from + (1.0 - from) * value;
  if (dur > 0.0) {
    double fall = fadeout > 0.0 ? (dur - t) / fadeout : (t < dur ? 1.0 : 0.0);
    if (fall < value) value = fall;
    if (value < 0.0) value = 0.0;
  }
  return value;
}

inline double release(double t, double from, double fadeout) {
  if (!(fadeout > 0.0) || t >= fadeout) return 0.0;
  return from * (1.0 - t / fadeout);
}

}  // namespace

PATCHC_KERNEL_INIT(Fader) {
  auto* state = static_cast<envelope::State*>(state_);
  *state = {};
}

PATCHC_KERNEL_PROCESS(Fader) {
  auto* state = static_cast<envelope::State*>(state_);
  const float playing = in[kPlaying].value();
  if (playing != state->playing) {  // a play() or a stop() since the last block
    if (playing > 0.0f) {
      state->from = state->last;
      state->releasing = 0;
      state->elapsed = 0.0;
    } else if (state->playing > 0.0f) {
      state->from = state->last;
      state->releasing = 1;
      state->elapsed = 0.0;
    }
    state->playing = playing;
  }
  if (!(state->playing > 0.0f) && !state->releasing) {  // never started: silent, and the clock does not run
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  const double fadein = in[kFadein].value(), fadeout = in[kFadeout].value(), dur = in[kDur].value();
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  const double from = state->from;
  double elapsed = state->elapsed;
  if (state->releasing) {
    const double sampleRate = env->sampleRate;  // t = i / sr exactly: the fall reaches 0 on the frame fadeout ends
    for (int i = 0; i < n; ++i) {
      out[i] = static_cast<float>(release(elapsed / sampleRate, from, fadeout));
      elapsed += 1.0;
    }
  } else {
    for (int i = 0; i < n; ++i) {
      out[i] = static_cast<float>(rise(elapsed * inverseSampleRate, from, fadein, fadeout, dur));
      elapsed += 1.0;
    }
  }
  state->elapsed = elapsed;
  if (n > 0) state->last = out[n - 1];
}
