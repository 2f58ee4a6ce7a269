// Adsr(attack, decay, sustain, release, dur, playing): at t = i / sr seconds after a play() (sample i), rising
// from the level o it had then (0 the first time), with attack a, decay d, sustain s, release r:
//   t ≤ a:             o + (1 − o)·t / a
//   t ≤ a + d:         s + (1 − s)·(d − (t − a)) / d
//   dur > 0, t > dur:  0   (the envelope has ended)
//   dur > 0, t ≥ dur − r: s·(dur − t) / r
//   else:              s
// in that order, as pyo 1.0.4 (measured, to the sample: Adsr(0.01, 0.01, 0.5, 0.01, 0.05) is 1 on sample 441,
// 0.5 from 882, starts its release on 1764 and is 0 from 2206). Times below 1 µs are 1 µs and the sustain is
// clamped to [0, 1], as pyo does. `playing` is the hidden input of the play()/stop() convention (Envelope.h): a new
// positive value is play(), which restarts the envelope from its current level; a value ≤ 0 after a positive one
// is stop(): with dur 0 the level L it had falls to 0 over the release, L·(1 − t / r) from the stop's sample on (its
// first sample repeats L, as pyo's); with dur > 0 the output is 0 at once (pyo's stop() ends the stream).
// The hidden `exp` (pyo's setExp) raises the output, not the level a play() or stop() starts from, to its power.
#include "stdlib/kernels/Adsr.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/Envelope.h"
#include "stdlib/kernels/KernelMath.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::adsr;

PATCHC_KERNEL_INIT(Adsr) { envelope::start(*static_cast<envelope::State*>(state_)); }

PATCHC_KERNEL_PROCESS(Adsr) {
  auto* state = static_cast<envelope::State*>(state_);
  constexpr float kShortest = 0.000001f;
  const double attack = clampf(in[kAttack].value(), kShortest, 3.0e38f);
  const double decay = clampf(in[kDecay].value(), kShortest, 3.0e38f);
  const double release = clampf(in[kRelease].value(), kShortest, 3.0e38f);
  const double sustain = clampf(in[kSustain].value(), 0.0f, 1.0f);
  const double dur = in[kDur].value();
  const bool waitsForStop = !(dur > 0.0);  // pyo: dur == 0; a negative dur would end at once there
  const float exponent = in[kExp].value() > 0.0f ? in[kExp].value() : 1.0f;  // pyo ignores setExp(x <= 0)
  switch (envelope::transport(*state, in[kPlaying].value())) {
    case envelope::Transport::Play:
      state->mode = envelope::kRunning;
      state->elapsed = 0.0;
      state->offset = state->level;
      break;
    case envelope::Transport::Stop:
      if (state->mode != envelope::kRunning) break;
      state->mode = waitsForStop ? envelope::kReleasing : envelope::kSilent;
      state->elapsed = 0.0;
      state->top = state->level;
      break;
    case envelope::Transport::None:
      break;
  }
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  const double offset = state->offset, top = state->top;
  double elapsed = state->elapsed;
  float level = state->level;
  for (int i = 0; i < n; ++i) {
    const double t = elapsed * inverseSampleRate;
    double value = 0.0;
    if (state->mode == envelope::kRunning) {
      if (t <= attack) value = offset + (1.0 - offset) * t / attack;
      else if (t <= attack + decay) value = sustain + (1.0 - sustain) * (decay - (t - attack)) / decay;
      else if (waitsForStop) value = sustain;
      else if (t > dur) value = 0.0;
      else if (t >= dur - release) value = sustain * (dur - t) / release;
      else value = sustain;
      value = value < 0.0 ? 0.0 : (value > 1.0 ? 1.0 : value);
      level = static_cast<float>(value);
    } else if (state->mode == envelope::kReleasing) {
      value = t <= release ? top * (1.0 - t / release) : 0.0;
      level = static_cast<float>(value);
    }
    out[i] = exponent == 1.0f ? static_cast<float>(value) : std::pow(static_cast<float>(value), exponent);
    elapsed += 1.0;
  }
  state->elapsed = elapsed;
  state->level = level;
}
