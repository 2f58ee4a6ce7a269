// Delay(input, delay, feedback, maxdelay): a recursive delay line read with linear interpolation,
//   y[n] = line(n - d),  line[n] = x[n] + feedback · y[n],
// with d = delay · sr clipped to [1 sample, maxdelay · sr] and feedback clipped to [0, 1] (both as pyo 1.0.4:
// an impulse comes back at d, 2d, ... scaled by feedback^k). maxdelay is a Constant input: it sizes the line.
#include "stdlib/kernels/Delay.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::delay;

PATCHC_KERNEL_INIT(Delay) {
  auto* state = static_cast<delay::State*>(state_);
  state->length = static_cast<int64_t>(delay::lineLength(in[kMaxdelay].value(), env->sampleRate));
  state->writeIndex = 0;
}

PATCHC_KERNEL_PROCESS(Delay) {
  auto* state = static_cast<delay::State*>(state_);
  float* line = reinterpret_cast<float*>(state + 1);
  const int64_t length = state->length;
  // maxdelay is the same Constant at init and here; the line's length still bounds the read, for safety.
  const float requested = delay::maxDelaySamples(in[kMaxdelay].value(), env->sampleRate);
  const float maxSamples = requested < static_cast<float>(length - 2) ? requested : static_cast<float>(length - 2);
  int64_t writeIndex = state->writeIndex;
  for (int i = 0; i < n; ++i) {
    float d = clampf(in[kDelay][i] * env->sampleRate, 1.0f, maxSamples);
    float feedback = clampf(in[kFeedback][i], 0.0f, 1.0f);
    // Read position writeIndex - d, between the samples at `older` (further back) and `older + 1`.
    float whole = std::floor(d);
    float fraction = d - whole;
    int64_t newer = writeIndex - static_cast<int64_t>(whole);
    if (newer < 0) newer += length;
    int64_t older = newer - 1;
    if (older < 0) older += length;
    float y = line[newer] + fraction * (line[older] - line[newer]);
    line[writeIndex] = in[kInput][i] + feedback * y;
    out[i] = y;
    if (++writeIndex == length) writeIndex = 0;
  }
  state->writeIndex = writeIndex;
}
