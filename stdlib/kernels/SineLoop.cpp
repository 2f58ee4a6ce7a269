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

// One sample of one lane: the same arithmetic for process and processLanes, so both give the same samples.
namespace {
inline float tick(double& phase, float& y, float freq, float feedback, double inverseSampleRate) {
  feedback = clampf(feedback, 0.0f, 1.0f);
  // sinCycles reduces its argument itself: y[n-1] → y[n] is one multiply-add and the polynomial, the shortest
  // chain a voice that feeds back on itself can have.
  y = sinCycles(static_cast<float>(phase) + feedback * y);
  phase = wrapUnit(phase + static_cast<double>(freq) * inverseSampleRate);
  return y;
}
}  // namespace

PATCHC_KERNEL_PROCESS(SineLoop) {
  auto* state = static_cast<sineloop::State*>(state_);
  double phase = state->phase;
  float y = state->lastOutput;
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  for (int i = 0; i < n; ++i) out[i] = tick(phase, y, in[0][i], in[1][i], inverseSampleRate);
  state->phase = phase;
  state->lastOutput = y;
}

// Lanes in blocks of kLaneBlock, the lane loop innermost so that it vectorizes; the last block computes
// duplicates of its last lane rather than branch, and stores only the real lanes. Inputs that do not change
// within the block (sampleStride 0: a list of numbers) are read once.
PATCHC_KERNEL_PROCESS_LANES(SineLoop) {
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  const bool freqChanges = in[0].sampleStride != 0, feedbackChanges = in[1].sampleStride != 0;
  for (int first = 0; first < lanes; first += kLaneBlock) {
    const int count = lanes - first < kLaneBlock ? lanes - first : kLaneBlock;
    double phase[kLaneBlock];
    float y[kLaneBlock], freq[kLaneBlock], feedback[kLaneBlock];
    for (int l = 0; l < kLaneBlock; ++l) {
      const int lane = first + (l < count ? l : count - 1);
      const auto* s = reinterpret_cast<const sineloop::State*>(states + lane * stateStride);
      phase[l] = s->phase;
      y[l] = s->lastOutput;
      freq[l] = in[0].at(lane, 0);
      feedback[l] = in[1].at(lane, 0);
    }
    PATCHC_KEEP_LOOP
    for (int i = 0; i < n; ++i) {
      for (int l = 0; l < kLaneBlock; ++l) {
        const int lane = first + (l < count ? l : count - 1);
        if (freqChanges) freq[l] = in[0].at(lane, i);
        if (feedbackChanges) feedback[l] = in[1].at(lane, i);
      }
      for (int l = 0; l < kLaneBlock; ++l) {
        float v = tick(phase[l], y[l], freq[l], feedback[l], inverseSampleRate);
        if (l < count) out[(first + l) * outLaneStride + i * outSampleStride] = v;
      }
    }
    for (int l = 0; l < count; ++l) {
      auto* s = reinterpret_cast<sineloop::State*>(states + (first + l) * stateStride);
      s->phase = phase[l];
      s->lastOutput = y[l];
    }
  }
}
