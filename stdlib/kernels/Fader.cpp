// Fader(fadein, fadeout, dur, playing): a linear fade-in / fade-out envelope between 0 and 1. At t = i / sr
// seconds after the start (sample i),
//   dur = 0: min(t / fadein, 1)                              (fades in and holds; there is no stop() yet)
//   dur > 0: max(0, min(t / fadein, 1, (dur - t) / fadeout)) (fades out to reach 0 at dur, then stays 0)
// so the first sample is 0, as pyo 1.0.4's (measured: sample i is i / (fadein · sr) during the fade-in, and the
// fade-out is (dur - t) / fadeout). A zero fadein or fadeout is a step. When the fades overlap (fadein + fadeout >
// dur) the envelope is the lower of the two ramps.
// `playing` is a hidden Constant input that the elaborator sets to 1 when the script called play() (or out(),
// which only starts a Fader); until then the output is 0. fadein, fadeout and dur are Constant: pyo takes numbers.
#include "stdlib/kernels/Fader.h"
#include "stdlib/Kernel.h"
#include "stdlib/kernels/Envelope.h"

using namespace patchc::kernel;
using namespace patchc::kernel::fader;

namespace {

inline double faderValue(double t, double fadein, double fadeout, double dur) {
  double value = fadein > 0.0 ? t / fadein : 1.0;
  if (value > 1.0) value = 1.0;
  if (dur > 0.0) {
    double fall = fadeout > 0.0 ? (dur - t) / fadeout : (t < dur ? 1.0 : 0.0);
    if (fall < value) value = fall;
    if (value < 0.0) value = 0.0;
  }
  return value;
}

}  // namespace

PATCHC_KERNEL_INIT(Fader) {
  auto* state = static_cast<envelope::State*>(state_);
  state->elapsed = 0.0;
  state->segment = 0;
}

PATCHC_KERNEL_PROCESS(Fader) {
  auto* state = static_cast<envelope::State*>(state_);
  if (!(in[kPlaying].value() > 0.5f)) {  // not started: silent, and the clock does not run
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  const double fadein = in[kFadein].value(), fadeout = in[kFadeout].value(), dur = in[kDur].value();
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  double elapsed = state->elapsed;
  for (int i = 0; i < n; ++i) {
    out[i] = static_cast<float>(faderValue(elapsed * inverseSampleRate, fadein, fadeout, dur));
    elapsed += 1.0;
  }
  state->elapsed = elapsed;
}
