// Sine(freq, phase): sin(2π (φ + phase)), φ accumulating freq/sr per sample, first sample at φ = 0.
// pyo 1.0.4 reads a 512-point table with a float phase; this is the exact sine with a double accumulator.
#include "stdlib/kernels/Sine.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Sine) { static_cast<sine::State*>(state_)->phase = 0.0; }

namespace {
inline float tick(double& phase, float freq, float phaseOffset, double inverseSampleRate) {
  double position = wrapUnit(phase + static_cast<double>(phaseOffset));
  phase = wrapUnit(phase + static_cast<double>(freq) * inverseSampleRate);
  return sinCycles(static_cast<float>(position));
}
}  // namespace

PATCHC_KERNEL_PROCESS(Sine) {
  auto* state = static_cast<sine::State*>(state_);
  double phase = state->phase;
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  for (int i = 0; i < n; ++i) out[i] = tick(phase, in[0][i], in[1][i], inverseSampleRate);
  state->phase = phase;
}

// As SineLoop's: lanes in vectorizable blocks, giving the same samples as process.
PATCHC_KERNEL_PROCESS_LANES(Sine) {
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  const bool freqChanges = in[0].sampleStride != 0, offsetChanges = in[1].sampleStride != 0;
  for (int first = 0; first < lanes; first += kLaneBlock) {
    const int count = lanes - first < kLaneBlock ? lanes - first : kLaneBlock;
    double phase[kLaneBlock];
    float freq[kLaneBlock], offset[kLaneBlock];
    for (int l = 0; l < kLaneBlock; ++l) {
      const int lane = first + (l < count ? l : count - 1);
      phase[l] = reinterpret_cast<const sine::State*>(states + lane * stateStride)->phase;
      freq[l] = in[0].at(lane, 0);
      offset[l] = in[1].at(lane, 0);
    }
    PATCHC_KEEP_LOOP
    for (int i = 0; i < n; ++i) {
      for (int l = 0; l < kLaneBlock; ++l) {
        const int lane = first + (l < count ? l : count - 1);
        if (freqChanges) freq[l] = in[0].at(lane, i);
        if (offsetChanges) offset[l] = in[1].at(lane, i);
      }
      for (int l = 0; l < kLaneBlock; ++l) {
        float v = tick(phase[l], freq[l], offset[l], inverseSampleRate);
        if (l < count) out[(first + l) * outLaneStride + i * outSampleStride] = v;
      }
    }
    for (int l = 0; l < count; ++l) reinterpret_cast<sine::State*>(states + (first + l) * stateStride)->phase = phase[l];
  }
}
