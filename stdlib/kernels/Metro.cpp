// Metro(time, poly, playing): triggers, 1.0 on one sample and 0 elsewhere. pyo 1.0.4 keeps a clock in seconds,
// adding 1/sr a sample in double: on a sample where the clock has reached `time` it outputs 0, takes `time` off the
// clock and arms; on the next armed sample it outputs 1 and disarms. It starts at 0, armed, so the first sample
// after play() triggers, and the next ones come one sample after each period the clock completes: Metro(0.01)
// triggers on samples 0, 443, 884, 1325, ... (measured: the sum of 441 steps of 1/44100 falls short of 0.01, so
// the first period lasts 442 samples), Metro(0.125) on 0, 5514, 11027, ... The rounding of that sum decides the
// sample, so it is done as pyo does, on the double the script wrote (KernelMath.h's writtenAsDecimal: a constant
// time 0.1 is the double 0.1, not the float 0.1's 0.100000001); an audio-rate time is taken as its float, as pyo
// does. `playing` is the play()/stop() convention's hidden input: the clock runs and triggers only while it is
// positive; a stop() freezes the clock and a play() resumes it where it was (measured: pyo's play() does not reset
// a Metro).
#include "stdlib/kernels/Metro.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::metro;

PATCHC_KERNEL_INIT(Metro) {
  auto* state = static_cast<metro::State*>(state_);
  state->clock = 0.0;
  state->armed = true;
}

PATCHC_KERNEL_PROCESS(Metro) {
  auto* state = static_cast<metro::State*>(state_);
  if (!(in[kPlaying].value() > 0.0f)) {  // never started, or stopped: silent, the clock frozen
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  const double step = 1.0 / static_cast<double>(env->sampleRate);
  const bool constantTime = in[kTime].stride == 0;
  const double fixedTime = constantTime ? writtenAsDecimal(in[kTime][0]) : 0.0;
  double clock = state->clock;
  bool armed = state->armed;
  for (int i = 0; i < n; ++i) {
    const double time = constantTime ? fixedTime : static_cast<double>(in[kTime][i]);
    float value = 0.0f;
    if (clock >= time) {
      clock -= time;
      armed = true;
    } else if (clock >= 0.0 && armed) {
      value = 1.0f;
      armed = false;
    }
    out[i] = value;
    clock += step;
  }
  state->clock = clock;
  state->armed = armed;
}
