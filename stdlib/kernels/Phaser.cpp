// Phaser(input, freq, spread, q, feedback, num): `num` cascaded second-order allpass filters (J. O. Smith,
// "Physical Audio Signal Processing", phasing with 2nd-order allpass filters). Stage k is the RBJ cookbook
// allpass centred on f_k = freq · spread^k with Q = q, so its phase is -π at f_k and mixing the output with the
// input notches there. The chain's input is input + feedback · y[n-1], feedback clipped to [-0.999, 0.999] so the
// loop stays strictly stable (pyo clips to [-1, 1] and grows without bound at ±1).
//
// The output is the allpass chain alone, as pyo's (measured: a sine through pyo's Phaser keeps its amplitude).
// pyo 1.0.4 computes each stage's coefficients from the stage number, so its `freq` barely moves the notches;
// patchc implements the documented intent: notches at freq · spread^k that follow freq.
#include "stdlib/kernels/Phaser.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;

namespace {

phaser::Stage* stagesOf(char* state) { return reinterpret_cast<phaser::Stage*>(reinterpret_cast<phaser::State*>(state) + 1); }

// RBJ allpass: with ω0 = 2π f / sr, α = sin ω0 / (2 Q): b = (1 - α, -2 cos ω0, 1 + α), a = (1 + α, -2 cos ω0, 1 - α).
// The stage frequencies come first (a serial product), then the trigonometry over all stages, which vectorizes.
inline void design(phaser::Coefficients& k, int count, float freq, float spread, float q, const Env* env) {
  float cycles[phaser::kMaxStages];
  float stageFreq = freq;
  for (int s = 0; s < count; ++s) {
    cycles[s] = safeFrequency(stageFreq, env) * env->inverseSampleRate;  // ω0 / 2π
    stageFreq *= spread;
  }
  const float inverseTwoQ = 0.5f / clampf(q, 0.001f, 10000.0f);
  for (int s = 0; s < count; ++s) {
    float alpha = sinCycles(cycles[s]) * inverseTwoQ;
    float cosine = sinCycles(cycles[s] + 0.25f);
    float inverseA0 = 1.0f / (1.0f + alpha);
    k.c[s] = (1.0f - alpha) * inverseA0;
    k.d[s] = -2.0f * cosine * inverseA0;
  }
}

inline double runStages(phaser::Stage* stages, const phaser::Coefficients& k, int count, double x) {
  for (int s = 0; s < count; ++s) {
    phaser::Stage& st = stages[s];
    // y = c·x + d·x1 + x2 - d·y1 - c·y2, arranged so that only c·x + t waits for this sample's input x (the
    // previous stage's output): t is ready early, and the chain through the stages is one multiply-add each.
    double t = k.d[s] * (st.x1 - st.y1) + (st.x2 - k.c[s] * st.y2);
    double y = k.c[s] * x + t;
    st.x2 = st.x1;
    st.x1 = x;
    st.y2 = st.y1;
    st.y1 = y;
    x = y;
  }
  return x;
}

// One sample of one lane, the same arithmetic for process and processLanes.
inline float tick(char* state, const phaser::Coefficients& k, int count, float input, float feedback) {
  auto* s = reinterpret_cast<phaser::State*>(state);
  double fb = clampf(feedback, -0.999f, 0.999f);
  double y = runStages(stagesOf(state), k, count, input + fb * s->lastOutput);
  s->lastOutput = y;
  return static_cast<float>(y);
}

}  // namespace

PATCHC_KERNEL_INIT(Phaser) {
  auto* state = static_cast<phaser::State*>(state_);
  state->stageCount = phaser::stageCount(in[5].value());
  state->lastOutput = 0.0;
}

PATCHC_KERNEL_PROCESS(Phaser) {
  char* state = static_cast<char*>(state_);
  const int count = phaser::stageCount(in[5].value());  // folds when the code generator inlines a constant num
  const bool blockRate = in[1].stride == 0 && in[2].stride == 0 && in[3].stride == 0;
  phaser::Coefficients k;
  if (blockRate) design(k, count, in[1][0], in[2][0], in[3][0], env);
  PATCHC_KEEP_LOOP
  for (int i = 0; i < n; ++i) {
    if (!blockRate) design(k, count, in[1][i], in[2][i], in[3][i], env);
    out[i] = tick(state, k, count, in[0][i], in[4][i]);
  }
}

// All lanes: when freq, spread and q are the same signal on every lane (the chorus's one LFO), the coefficients
// are computed once per sample for all of them instead of once per lane.
PATCHC_KERNEL_PROCESS_LANES(Phaser) {
  const int count = phaser::stageCount(in[5].at(0, 0));
  const bool shared = in[1].laneStride == 0 && in[2].laneStride == 0 && in[3].laneStride == 0;
  const bool blockRate = in[1].sampleStride == 0 && in[2].sampleStride == 0 && in[3].sampleStride == 0;
  phaser::Coefficients k;
  if (shared && blockRate) design(k, count, in[1].at(0, 0), in[2].at(0, 0), in[3].at(0, 0), env);
  PATCHC_KEEP_LOOP
  for (int i = 0; i < n; ++i) {
    if (shared && !blockRate) design(k, count, in[1].at(0, i), in[2].at(0, i), in[3].at(0, i), env);
    for (int lane = 0; lane < lanes; ++lane) {
      if (!shared) design(k, count, in[1].at(lane, i), in[2].at(lane, i), in[3].at(lane, i), env);
      out[lane * outLaneStride + i * outSampleStride] =
          tick(states + lane * stateStride, k, count, in[0].at(lane, i), in[4].at(lane, i));
    }
  }
}
