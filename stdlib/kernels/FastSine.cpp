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

namespace {
inline float tick(double& phase, float freq, bool refined, double inverseSampleRate) {
  // sin(2π φ) = sin(π t) with t = 1 - 2φ in (-1, 1].
  float t = 1.0f - 2.0f * static_cast<float>(phase);
  phase = wrapUnit(phase + static_cast<double>(freq) * inverseSampleRate);
  return fastsine::parabolicSine(t, refined);
}
}  // namespace

PATCHC_KERNEL_PROCESS(FastSine) {
  auto* state = static_cast<fastsine::State*>(state_);
  double phase = state->phase;
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  const bool refined = in[2].value() >= 0.5f;
  for (int i = 0; i < n; ++i) out[i] = tick(phase, in[0][i], refined, inverseSampleRate);
  state->phase = phase;
}

// A bank of FastSines across lanes, as Sine's (Sine.cpp); quality is one constant for the node.
PATCHC_KERNEL_PROCESS_LANES(FastSine) {
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  const bool refined = in[2].at(0, 0) >= 0.5f;
  const bool freqChanges = in[0].sampleStride != 0;
  for (int first = 0; first < lanes; first += kLaneBlock) {
    const int count = lanes - first < kLaneBlock ? lanes - first : kLaneBlock;
    double phase[kLaneBlock];
    float freq[kLaneBlock];
    for (int l = 0; l < kLaneBlock; ++l) {
      const int lane = first + (l < count ? l : count - 1);
      phase[l] = reinterpret_cast<const fastsine::State*>(states + lane * stateStride)->phase;
      freq[l] = in[0].at(lane, 0);
    }
    PATCHC_KEEP_LOOP
    for (int i = 0; i < n; ++i) {
      if (freqChanges)
        for (int l = 0; l < kLaneBlock; ++l) freq[l] = in[0].at(first + (l < count ? l : count - 1), i);
      for (int l = 0; l < kLaneBlock; ++l) {
        float v = tick(phase[l], freq[l], refined, inverseSampleRate);
        if (l < count) out[(first + l) * outLaneStride + i * outSampleStride] = v;
      }
    }
    for (int l = 0; l < count; ++l)
      reinterpret_cast<fastsine::State*>(states + (first + l) * stateStride)->phase = phase[l];
  }
}
