// SineLoop(freq, feedback): feedback FM, y[n] = sin(2π (φ[n] + feedback · y[n-1])), feedback clipped to [0, 1].
// The scaling (feedback 1 = one full cycle of phase offset per unit of output) was measured against pyo 1.0.4,
// whose first samples match this formula to table precision.
#include "stdlib/kernels/SineLoop.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(SineLoop) {
  auto* state = static_cast<sineloop::State*>(state_);
  state->phase = 0.0;
  state->lastOutput = 0.0f;
}

PATCHC_KERNEL_PROCESS(SineLoop) {
  auto* state = static_cast<sineloop::State*>(state_);
  double phase = state->phase;
  float y = state->lastOutput;
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  for (int i = 0; i < n; ++i) {
    float feedback = clampf(in[1][i], 0.0f, 1.0f);
    double position = wrapUnit(phase + static_cast<double>(feedback * y));
    y = std::sin(kTwoPi * static_cast<float>(position));
    out[i] = y;
    phase = wrapUnit(phase + static_cast<double>(in[0][i]) * inverseSampleRate);
  }
  state->phase = phase;
  state->lastOutput = y;
}
