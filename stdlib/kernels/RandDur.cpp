// RandDur(min, max): draws a duration d in seconds, uniform between max(min, 0) and max, and holds it for d
// seconds: a clock steps 1/(d·sr) a sample and the next draw comes on the sample where it reaches 1, its excess
// carried into the next duration. pyo 1.0.4 (measured): the first sample draws, the first duration lasts one
// sample less than the others would (⌈d·sr⌉ − 1 samples: as if drawn a sample earlier), the next ones carry the
// clock's excess exactly.
#include "stdlib/kernels/RandDur.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::randdur;

PATCHC_KERNEL_INIT(RandDur) {
  auto* state = static_cast<State*>(state_);
  state->time = 1.0;
  state->increment = 0.0;
  state->generator = randomclock::generatorFromSeed(seed);
  state->value = 0.0f;
  state->started = false;
}

PATCHC_KERNEL_PROCESS(RandDur) {
  auto* state = static_cast<State*>(state_);
  State s = *state;
  for (int i = 0; i < n; ++i) {
    s.time += s.increment;
    if (s.time >= 1.0 || !(s.time == s.time)) {
      s.time = s.time - 1.0 < 1.0 ? s.time - 1.0 : 0.0;  // a huge step (d near 0) is not carried forever
      if (!(s.time >= 0.0)) s.time = 0.0;
      const float m = low(in[kMin][i]);
      const float range = in[kMax][i] - m > 0.0f ? in[kMax][i] - m : 0.0f;
      whiteNoise(s.generator);
      const float u = static_cast<float>(s.generator >> 8) * (1.0f / 16777216.0f);
      float d = m + range * u;
      d = d < m ? m : (d > m + range ? m + range : d);  // rounding: stay within the declared range
      s.value = d;
      // A duration of 0 (or below a sample) draws again on the next sample.
      s.increment = d > 0.0f ? 1.0 / (static_cast<double>(d) * static_cast<double>(env->sampleRate)) : 1.0;
      if (!s.started) {
        s.started = true;
        s.time = s.increment;  // pyo's first duration is a sample shorter
      }
    }
    out[i] = s.value;
  }
  *state = s;
}
