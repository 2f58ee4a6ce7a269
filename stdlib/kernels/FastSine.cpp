// FastSine(freq, initphase, quality): a sine from the parabola 4t(1-|t|), optionally refined with one
// extra multiply-add (Nicolas Capens' "fast and accurate sine" approximation). initphase and quality are
// Constant inputs: initphase is read at init only, as in pyo.
#include "stdlib/kernels/FastSine.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(FastSine) {
  float initialPhase = in[1].value();
  static_cast<fastsine::State*>(state_)->phase = wrapUnit(initialPhase == initialPhase ? initialPhase : 0.0f);
}

PATCHC_KERNEL_PROCESS(FastSine) {
  auto* state = static_cast<fastsine::State*>(state_);
  double phase = state->phase;
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  const bool refined = in[2].value() >= 0.5f;
  for (int i = 0; i < n; ++i) {
    // sin(2π φ) = sin(π t) with t = 1 - 2φ in (-1, 1].
    float t = 1.0f - 2.0f * static_cast<float>(phase);
    out[i] = fastsine::parabolicSine(t, refined);
    phase = wrapUnit(phase + static_cast<double>(in[0][i]) * inverseSampleRate);
  }
  state->phase = phase;
}
