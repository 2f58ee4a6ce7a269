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

phaser::Stage* stagesOf(phaser::State* state) { return reinterpret_cast<phaser::Stage*>(state + 1); }

// RBJ allpass: with ω0 = 2π f / sr, α = sin ω0 / (2 Q):
//   b = (1 - α, -2 cos ω0, 1 + α), a = (1 + α, -2 cos ω0, 1 - α).
inline void designStages(phaser::Stage* stages, int count, float freq, float spread, float q, const Env* env) {
  float stageFreq = freq;
  float inverseTwoQ = 0.5f / clampf(q, 0.001f, 10000.0f);
  for (int k = 0; k < count; ++k) {
    float w0 = kTwoPi * safeFrequency(stageFreq, env) * env->inverseSampleRate;
    float alpha = std::sin(w0) * inverseTwoQ;
    float inverseA0 = 1.0f / (1.0f + alpha);
    stages[k].c = (1.0f - alpha) * inverseA0;
    stages[k].d = -2.0f * std::cos(w0) * inverseA0;
    stageFreq *= spread;
  }
}

inline double runStages(phaser::Stage* stages, int count, double x) {
  for (int k = 0; k < count; ++k) {
    phaser::Stage& s = stages[k];
    double y = s.c * x + s.d * s.x1 + s.x2 - s.d * s.y1 - s.c * s.y2;
    s.x2 = s.x1;
    s.x1 = x;
    s.y2 = s.y1;
    s.y1 = y;
    x = y;
  }
  return x;
}

}  // namespace

PATCHC_KERNEL_INIT(Phaser) {
  auto* state = static_cast<phaser::State*>(state_);
  state->stageCount = phaser::stageCount(in[5].value());
  state->lastOutput = 0.0;
  designStages(stagesOf(state), state->stageCount, in[1][0], in[2][0], in[3][0], env);
}

PATCHC_KERNEL_PROCESS(Phaser) {
  auto* state = static_cast<phaser::State*>(state_);
  phaser::Stage* stages = stagesOf(state);
  const int count = phaser::stageCount(in[5].value());  // folds when the code generator inlines a constant num
  const bool blockRate = in[1].stride == 0 && in[2].stride == 0 && in[3].stride == 0;
  if (blockRate) designStages(stages, count, in[1][0], in[2][0], in[3][0], env);
  double y = state->lastOutput;
  for (int i = 0; i < n; ++i) {
    if (!blockRate) designStages(stages, count, in[1][i], in[2][i], in[3][i], env);
    double feedback = clampf(in[4][i], -0.999f, 0.999f);
    y = runStages(stages, count, in[0][i] + feedback * y);
    out[i] = static_cast<float>(y);
  }
  state->lastOutput = y;
}
