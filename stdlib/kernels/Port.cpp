// Port(input, risetime, falltime, init): y[n] = y[n−1] + (x[n] − y[n−1])·c, c = 1 / ((t + 0.00025)·sr), where t
// is risetime while the input last moved up and falltime after it last moved down (a steady input keeps the last
// direction; it starts as falling). A time constant: a step is 1 − 1/e of the way after about t seconds. The
// 0.25 ms keeps c below 0.1 at 44.1 kHz for a zero time; c is at most 1 at any rate (no overshoot). pyo 1.0.4 does this (measured, to the sample).
// init is the first output and the input's value before the first sample.
#include "stdlib/kernels/Port.h"

#include "stdlib/Kernel.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::port;

PATCHC_KERNEL_INIT(Port) {
  auto* state = static_cast<port::State*>(state_);
  state->output = state->lastInput = in[kInit].value();
  state->rising = false;
}

PATCHC_KERNEL_PROCESS(Port) {
  auto* state = static_cast<port::State*>(state_);
  const float sampleRate = env->sampleRate;
  float y = state->output, last = state->lastInput;
  bool rising = state->rising;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    if (x != last) {
      rising = x > last;
      last = x;
    }
    float time = rising ? in[kRisetime][i] : in[kFalltime][i];
    if (!(time > 0.0f)) time = 0.0f;  // below 0 (or NaN): 0, as pyo clamps
    float factor = 1.0f / ((time + 0.00025f) * sampleRate);
    if (factor > 1.0f) factor = 1.0f;  // below 4 kHz: no overshoot
    const float next = y + (x - y) * factor;
    // Between y and x, also after rounding (the declared range relies on it).
    const float low = y < x ? y : x, high = y < x ? x : y;
    y = next < low ? low : (next > high ? high : next);
    out[i] = y;
  }
  state->output = std::isfinite(y) ? y : 0.0f;
  state->lastInput = last;
  state->rising = rising;
}
