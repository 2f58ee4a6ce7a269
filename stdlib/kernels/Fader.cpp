// Fader(fadein, fadeout, dur, playing): a linear fade-in / fade-out envelope between 0 and 1. At t = i / sr
// seconds after a play() (sample i), rising from the level it had then (o, 0 the first time):
//   dur = 0: min(o + (1 − o)·t / fadein, 1)                                  (fades in and holds until stop())
//   dur > 0: max(0, min(o + (1 − o)·t / fadein, 1, (dur − t) / fadeout))      (reaches 0 at dur, then stays 0)
// so the first sample is o, as pyo 1.0.4's (measured: sample i is i / (fadein · sr) during the fade-in, and the
// fade-out is (dur − t) / fadeout). A zero fadein or fadeout is a step. When the fades overlap (fadein + fadeout >
// dur) the envelope is the lower of the two ramps.
// `playing` is the hidden input of the play()/stop() convention (Envelope.h's transport): a new positive value
// is pyo's play(), which restarts the envelope from its current level; a value ≤ 0 after a positive one is pyo's
// stop(): with dur 0 the level L it had falls to 0 over fadeout seconds, L·(1 − t / fadeout) from the stop's
// sample on (pyo 1.0.4 measured: its first release sample repeats the last level); with dur > 0 it is silent at
// once (pyo's stop() then ends the stream). Until the first play() the output is 0. The hidden `exp` (pyo's
// setExp) raises the output, not the level a play() or stop() starts from, to its power.
#include "stdlib/kernels/Fader.h"
#include "stdlib/Kernel.h"
#include "stdlib/kernels/Envelope.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::fader;

namespace {

inline double faderValue(double t, double offset, double fadein, double fadeout, double dur) {
  double value = fadein > 0.0 ? offset + (1.0 - offset) * t / fadein : 1.0;
  if (value > 1.0) value = 1.0;
  if (dur > 0.0) {
    double fall = fadeout > 0.0 ? (dur - t) / fadeout : (t < dur ? 1.0 : 0.0);
    if (fall < value) value = fall;
    if (value < 0.0) value = 0.0;
  }
  return value;
}

}  // namespace

PATCHC_KERNEL_INIT(Fader) { envelope::start(*static_cast<envelope::State*>(state_)); }

PATCHC_KERNEL_PROCESS(Fader) {
  auto* state = static_cast<envelope::State*>(state_);
  const double fadein = in[kFadein].value(), fadeout = in[kFadeout].value(), dur = in[kDur].value();
  switch (envelope::transport(*state, in[kPlaying].value())) {
    case envelope::Transport::Play:
      state->mode = envelope::kRunning;
      state->elapsed = 0.0;
      state->offset = state->level;
      break;
    case envelope::Transport::Stop:
      if (state->mode != envelope::kRunning) break;
      state->mode = dur > 0.0 ? envelope::kSilent : envelope::kReleasing;
      state->elapsed = 0.0;
      state->top = state->level;
      break;
    case envelope::Transport::None:
      break;
  }
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  double elapsed = state->elapsed;
  float level = state->level;
  for (int i = 0; i < n; ++i) {
    const double t = elapsed * inverseSampleRate;
    switch (state->mode) {
      case envelope::kRunning:
        level = static_cast<float>(faderValue(t, state->offset, fadein, fadeout, dur));
        out[i] = level;
        break;
      case envelope::kReleasing: {
        const double fall = fadeout > 0.0 ? 1.0 - t / fadeout : 0.0;
        level = fall > 0.0 ? static_cast<float>(state->top * fall) : 0.0f;
        out[i] = level;
        break;
      }
      default:  // idle or silent; a dur > 0 stopped keeps its level for the next play(), as pyo does
        out[i] = 0.0f;
        break;
    }
    elapsed += 1.0;
  }
  state->elapsed = elapsed;
  state->level = level;
  const float exponent = in[kExp].value() > 0.0f ? in[kExp].value() : 1.0f;  // pyo ignores setExp(x <= 0)
  if (exponent != 1.0f)
    for (int i = 0; i < n; ++i) out[i] = std::pow(out[i], exponent);
}
