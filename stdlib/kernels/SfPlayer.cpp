// SfPlayer(path, speed, loop, offset, interp, fileSampleRate): plays a sound file that the compiler read when
// compiling. `path` is an Array input: the elaborator reads the file (libsndfile) and gives each lane one channel's
// samples; the hidden Constant input `fileSampleRate` is the file's rate (0: the server's).
//
// The read position starts at offset · fileSampleRate samples and advances by speed · fileSampleRate / sr per
// sample, so speed 1 is the original pitch at any server rate; a negative speed (on the first sample) starts at
// the last sample and plays backwards. The sound played is [offset, end): at either end a looping player wraps around
// inside it (pyo: offset takes effect at the loop point), a non-looping one outputs 0 from then on.
// interp (Constant): 1 none (the sample at floor(position)), 2 linear, 3 cosine
// (mu' = (1 - cos π mu) / 2), 4 cubic (4-point Catmull-Rom Hermite, through the samples). Samples beyond the
// sound's ends read 0, or wrap when looping. pyo's `speed` is read once per block; patchc reads it every sample.
#include "stdlib/kernels/SfPlayer.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::sfplayer;

namespace {

struct Sound {
  const float* data;
  int size;
  double start;  // the loop's start, in samples
  bool loop;

  // Sample j, with the sound's ends as said above.
  float at(long j) const {
    if (j >= 0 && j < size) return data[j];
    if (!loop) return 0.0f;
    const long first = static_cast<long>(std::ceil(start));
    const long span = size - first;
    if (span <= 0) return 0.0f;
    long r = (j - first) % span;
    if (r < 0) r += span;
    return data[first + r];
  }
};

inline float interpolate(const Sound& sound, double position, int interp) {
  const double whole = std::floor(position);
  const long j = static_cast<long>(whole);
  const float mu = static_cast<float>(position - whole);
  const float y0 = sound.at(j);
  if (interp <= 1) return y0;
  const float y1 = sound.at(j + 1);
  if (interp == 2) return y0 + mu * (y1 - y0);
  if (interp == 3) {
    const float m = 0.5f * (1.0f - std::cos(kPi * mu));
    return y0 + m * (y1 - y0);
  }
  const float ym1 = sound.at(j - 1), y2 = sound.at(j + 2);
  const float c1 = 0.5f * (y1 - ym1);
  const float c2 = ym1 - 2.5f * y0 + 2.0f * y1 - 0.5f * y2;
  const float c3 = 0.5f * (y2 - ym1) + 1.5f * (y0 - y1);
  return ((c3 * mu + c2) * mu + c1) * mu + y0;
}

inline double fileRate(const In* in, const Env* env) {
  const float rate = in[kFileSampleRate].value();
  return rate > 0.0f ? rate : env->sampleRate;
}

inline int interpolation(float interp) { return interp >= 4.0f ? 4 : interp >= 3.0f ? 3 : interp >= 2.0f ? 2 : 1; }

}  // namespace

PATCHC_KERNEL_INIT(SfPlayer) {
  auto* state = static_cast<sfplayer::State*>(state_);
  const int size = in[kPath].count();
  const float offset = in[kOffset].value();
  const double start = (offset > 0.0f ? offset : 0.0f) * fileRate(in, env);
  state->finished = size == 0 || start >= size ? 1 : 0;
  state->position = start;
  state->started = 0;
}

PATCHC_KERNEL_PROCESS(SfPlayer) {
  auto* state = static_cast<sfplayer::State*>(state_);
  if (state->finished) {
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  const float offset = in[kOffset].value();
  const Sound sound{in[kPath].p, in[kPath].count(), (offset > 0.0f ? offset : 0.0f) * fileRate(in, env),
                    in[kLoop].value() > 0.5f};
  const int interp = interpolation(in[kInterp].value());
  const double rateRatio = fileRate(in, env) / static_cast<double>(env->sampleRate);
  const double end = sound.size, span = end - sound.start;
  // The speed's sign picks the start (the end for a negative one) on the first block, not in init: an audio-rate
  // speed (Sig(-1)) has no samples yet when init runs (it read 0 there and played forward: seed 8800215).
  if (!state->started) {
    state->started = 1;
    if (in[kSpeed][0] < 0.0f) state->position = end - 1;
  }
  double position = state->position;
  int finished = 0;
  for (int i = 0; i < n; ++i) {
    if (finished) {
      out[i] = 0.0f;
      continue;
    }
    out[i] = interpolate(sound, position, interp);
    // A non-finite speed (inf · 0 at audio rate) holds the position: a NaN one would index the sound with a NaN.
    const double step = static_cast<double>(in[kSpeed][i]) * rateRatio;
    if (std::isfinite(step)) position += step;
    if (position >= end || position < sound.start) {
      if (sound.loop) {
        position = sound.start + std::fmod(position - sound.start, span);
        if (position < sound.start) position += span;
      } else {
        finished = 1;
      }
    }
  }
  state->position = position;
  state->finished = finished;
}
