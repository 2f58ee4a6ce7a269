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
  double position = wrapUnit(phase + static_cast<double>(feedback * y));
  y = sinCycles(static_cast<float>(position));
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
// duplicates of its last lane rather than branch, and keeps only the real lanes.
PATCHC_KERNEL_PROCESS_LANES(SineLoop) {
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  for (int first = 0; first < lanes; first += kLaneBlock) {
    const int count = lanes - first < kLaneBlock ? lanes - first : kLaneBlock;
    int lane[kLaneBlock];
    double phase[kLaneBlock];
    float y[kLaneBlock];
    for (int l = 0; l < kLaneBlock; ++l) {
      lane[l] = first + (l < count ? l : count - 1);
      const auto* s = reinterpret_cast<const sineloop::State*>(states + lane[l] * stateStride);
      phase[l] = s->phase;
      y[l] = s->lastOutput;
    }
    float block[kMaxFrames][kLaneBlock];
    for (int i = 0; i < n; ++i) {
      // Inputs first, into registers: the loop that computes then touches no memory it cannot see, and
      // vectorizes across the lanes.
      float freq[kLaneBlock], feedback[kLaneBlock];
      for (int l = 0; l < kLaneBlock; ++l) {
        freq[l] = in[0].at(lane[l], i);
        feedback[l] = in[1].at(lane[l], i);
      }
      for (int l = 0; l < kLaneBlock; ++l) block[i][l] = tick(phase[l], y[l], freq[l], feedback[l], inverseSampleRate);
    }
    for (int l = 0; l < count; ++l) {
      auto* s = reinterpret_cast<sineloop::State*>(states + lane[l] * stateStride);
      s->phase = phase[l];
      s->lastOutput = y[l];
      for (int i = 0; i < n; ++i) out[lane[l] * outStride + i] = block[i][l];
    }
  }
}
