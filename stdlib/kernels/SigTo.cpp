// SigTo(value, time, init): on each sample where `value` differs from the last value seen (a number set between
// blocks, or an audio signal), a ramp starts from the current output: steps = trunc(time·sr) samples of
// (value − current)/steps, the first of them on that very sample, and the value itself on the last (sample
// steps − 1 after the change). With steps ≤ 0 the output jumps to the value. The output starts at `init`, which
// the first sample compares the value against (SigTo(1, init=1) never ramps). All of it as pyo 1.0.4 (measured:
// SigTo(1, time=0.01, init=0) gives 1/441 on sample 0 and 1 from sample 440 on).
#include "stdlib/kernels/SigTo.h"

#include "stdlib/Kernel.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::sigto;

PATCHC_KERNEL_INIT(SigTo) {
  auto* state = static_cast<sigto::State*>(state_);
  const float init = in[kInit].value();
  state->current = init;
  state->target = init;
  state->step = 0.0;
  state->steps = 0;
  state->elapsed = 0;
}

PATCHC_KERNEL_PROCESS(SigTo) {
  auto* state = static_cast<sigto::State*>(state_);
  const double sampleRate = env->sampleRate;
  double current = state->current;
  for (int i = 0; i < n; ++i) {
    const float value = in[kValue][i];
    if (value != state->target) {  // a NaN value is a change every sample: the output jumps to it
      state->target = value;
      state->elapsed = 0;
      const double length = std::floor(static_cast<double>(in[kTime][i]) * sampleRate);
      // At most about 2^62 samples (millions of years): keeps the conversion defined for any time.
      state->steps = length >= 4.6e18 ? int64_t{4600000000000000000} : (length >= 1.0 ? static_cast<int64_t>(length) : 0);
      if (state->steps > 0) state->step = (static_cast<double>(value) - current) / static_cast<double>(state->steps);
    }
    if (state->steps <= 0) {
      current = value;
    } else if (state->elapsed < state->steps) {
      ++state->elapsed;
      current = state->elapsed == state->steps ? static_cast<double>(value) : current + state->step;
    }
    out[i] = static_cast<float>(current);
  }
  state->current = current;
}
