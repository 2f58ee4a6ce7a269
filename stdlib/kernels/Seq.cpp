// Seq(time, seq, poly, onlyonce, speed, playing): pyo 1.0.4's sequencer clock (measured). play() sets the clock
// and the first duration to 0; each sample first adds speed/sr seconds (in double), then, when the clock has
// reached the current duration, takes it off, triggers, and makes list[k]·time the next duration (k going round
// the list). So the first sample triggers and Seq(0.1, [1, 2, 0.5]) triggers on samples 0, 4410, 13229, 15434,
// 19844, ...: the sum of 4411 steps of 1/44100 reaches 0.1 (not 4410), the clock keeps what passes each
// duration. With onlyonce it stops itself once the list's last duration has started (Seq(0.01, [1, 2, 3],
// onlyonce=True): 0, 441, 1323). The rounding of those sums decides the samples, so constant numbers are taken as
// the decimals the script wrote (KernelMath.h's writtenAsDecimal). `playing` is the play()/stop() convention's
// hidden input: each play() restarts the list, a stop() silences it and freezes the clock.
#include "stdlib/kernels/Seq.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::seq;

namespace {

double asScriptWrote(const In& input, int i, bool constant, double fixed) {
  return constant ? fixed : static_cast<double>(input[i]);
}

}  // namespace

PATCHC_KERNEL_INIT(Seq) {
  auto* state = static_cast<seq::State*>(state_);
  state->clock = 0.0;
  state->when = 0.0;
  state->tap = 0;
  state->done = 0;
  state->lastPlaying = 0.0f;
}

PATCHC_KERNEL_PROCESS(Seq) {
  auto* state = static_cast<seq::State*>(state_);
  const float playing = in[kPlaying].value();
  if (playing > 0.0f && playing != state->lastPlaying) {  // a play(): the list from its start
    state->clock = 0.0;
    state->when = 0.0;
    state->tap = 0;
    state->done = 0;
  }
  state->lastPlaying = playing;
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  const int count = in[kSeq].count();
  if (!(playing > 0.0f) || state->done || count == 0) return;
  const double step = 1.0 / static_cast<double>(env->sampleRate);
  const bool constantTime = in[kTime].stride == 0, constantSpeed = in[kSpeed].stride == 0;
  const double fixedTime = constantTime ? writtenAsDecimal(in[kTime][0]) : 0.0;
  const double fixedSpeed = constantSpeed ? writtenAsDecimal(in[kSpeed][0]) : 0.0;
  const float* durations = in[kSeq].p;
  const bool onlyonce = in[kOnlyonce].value() != 0.0f;
  double clock = state->clock, when = state->when;
  int32_t tap = state->tap < count ? state->tap : 0;
  for (int i = 0; i < n; ++i) {
    clock += step * asScriptWrote(in[kSpeed], i, constantSpeed, fixedSpeed);
    if (clock >= when) {
      clock -= when;
      when = writtenAsDecimal(durations[tap]) * asScriptWrote(in[kTime], i, constantTime, fixedTime);
      out[i] = 1.0f;
      if (++tap >= count) {
        tap = 0;
        if (onlyonce) {
          state->done = 1;
          break;
        }
      }
    }
  }
  state->clock = clock;
  state->when = when;
  state->tap = tap;
}
