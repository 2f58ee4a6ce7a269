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
using namespace patchc::kernel::phaser;

namespace {

phaser::Stage* stagesOf(char* state) { return reinterpret_cast<phaser::Stage*>(reinterpret_cast<phaser::State*>(state) + 1); }
// The lane's own coefficients, after its stages: c[count], then d[count].
double* coefficientsOf(char* state, int count) { return reinterpret_cast<double*>(stagesOf(state) + count); }

// RBJ allpass: with ω0 = 2π f / sr, α = sin ω0 / (2 Q): b = (1 - α, -2 cos ω0, 1 + α), a = (1 + α, -2 cos ω0, 1 - α).
// The stage frequencies come first (a serial product), then the trigonometry over all stages, which vectorizes.
inline void design(double* __restrict c, double* __restrict d, int count, float freq, float spread, float q,
                   const Env* env) {
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
    c[s] = (1.0f - alpha) * inverseA0;
    d[s] = -2.0f * cosine * inverseA0;
  }
}

inline double runStages(phaser::Stage* stages, const double* c, const double* d, int count, double x) {
  for (int s = 0; s < count; ++s) {
    phaser::Stage& st = stages[s];
    // y = c·x + d·x1 + x2 - d·y1 - c·y2, arranged so that only c·x + t waits for this sample's input x (the
    // previous stage's output): t is ready early, and the chain through the stages is one multiply-add each.
    double t = d[s] * (st.x1 - st.y1) + (st.x2 - c[s] * st.y2);
    double y = c[s] * x + t;
    st.x2 = st.x1;
    st.x1 = x;
    st.y2 = st.y1;
    st.y1 = y;
    x = y;
  }
  return x;
}

// One sample of one lane, the same arithmetic for process and processLanes.
inline float tick(char* state, const double* c, const double* d, int count, float input, float feedback) {
  auto* s = reinterpret_cast<phaser::State*>(state);
  double fb = clampf(feedback, -0.999f, 0.999f);
  double y = runStages(stagesOf(state), c, d, count, input + fb * s->lastOutput);
  s->lastOutput = y;
  return static_cast<float>(y);
}

// Two lanes over a block, stage by stage across both: each lane's chain is serial (a multiply-add per stage),
// so the pair's histories and coefficients are copied side by side for the block, where each stage of both
// lanes is one two-wide vector operation, and the two chains overlap. Per lane, the same arithmetic as tick.
struct PairStage {
  double c[2], d[2], x1[2], x2[2], y1[2], y2[2];
};

inline void runPair(char* const state[2], const double* const c[2], const double* const d[2], int count,
                    const LaneIn* in, int lane, float* out, int outLaneStride, int outSampleStride, int n) {
  PairStage pair[phaser::kMaxStages];
  double last[2];
  for (int g = 0; g < 2; ++g) {
    const phaser::Stage* stages = stagesOf(state[g]);
    PATCHC_KEEP_LOOP
    for (int s = 0; s < count; ++s) {
      pair[s].c[g] = c[g][s];
      pair[s].d[g] = d[g][s];
      pair[s].x1[g] = stages[s].x1;
      pair[s].x2[g] = stages[s].x2;
      pair[s].y1[g] = stages[s].y1;
      pair[s].y2[g] = stages[s].y2;
    }
    last[g] = reinterpret_cast<phaser::State*>(state[g])->lastOutput;
  }
  PATCHC_KEEP_LOOP
  for (int i = 0; i < n; ++i) {
    double x[2];
    for (int g = 0; g < 2; ++g) {
      double fb = clampf(in[kFeedback].at(lane + g, i), -0.999f, 0.999f);
      x[g] = in[kInput].at(lane + g, i) + fb * last[g];
    }
    PATCHC_KEEP_LOOP  // dozens of stages: unrolling them costs compile time and saves nothing
    for (int s = 0; s < count; ++s) {
      PairStage& st = pair[s];
      for (int g = 0; g < 2; ++g) {
        double t = st.d[g] * (st.x1[g] - st.y1[g]) + (st.x2[g] - st.c[g] * st.y2[g]);
        double y = st.c[g] * x[g] + t;
        st.x2[g] = st.x1[g];
        st.x1[g] = x[g];
        st.y2[g] = st.y1[g];
        st.y1[g] = y;
        x[g] = y;
      }
    }
    for (int g = 0; g < 2; ++g) {
      last[g] = x[g];
      out[(lane + g) * outLaneStride + i * outSampleStride] = static_cast<float>(x[g]);
    }
  }
  for (int g = 0; g < 2; ++g) {
    phaser::Stage* stages = stagesOf(state[g]);
    PATCHC_KEEP_LOOP
    for (int s = 0; s < count; ++s) stages[s] = {pair[s].x1[g], pair[s].x2[g], pair[s].y1[g], pair[s].y2[g]};
    reinterpret_cast<phaser::State*>(state[g])->lastOutput = last[g];
  }
}

}  // namespace

PATCHC_KERNEL_INIT(Phaser) {
  auto* state = static_cast<phaser::State*>(state_);
  state->stageCount = phaser::stageCount(in[kNum].value());
  state->lastOutput = 0.0;
}

PATCHC_KERNEL_PROCESS(Phaser) {
  char* state = static_cast<char*>(state_);
  const int count = phaser::stageCount(in[kNum].value());  // folds when the code generator inlines a constant num
  const bool blockRate = in[kFreq].stride == 0 && in[kSpread].stride == 0 && in[kQ].stride == 0;
  double* c = coefficientsOf(state, count);
  double* d = c + count;
  if (blockRate) design(c, d, count, in[kFreq][0], in[kSpread][0], in[kQ][0], env);
  PATCHC_KEEP_LOOP
  for (int i = 0; i < n; ++i) {
    if (!blockRate) design(c, d, count, in[kFreq][i], in[kSpread][i], in[kQ][i], env);
    out[i] = tick(state, c, d, count, in[kInput][i], in[kFeedback][i]);
  }
}

// All lanes, sample by sample, so that the lanes' serial chains overlap. When freq, spread and q are the same
// signal on every lane (the chorus's one LFO), the coefficients are computed once, on the stack, for all of
// them; otherwise each lane computes its own, once per block when they are constants.
PATCHC_KERNEL_PROCESS_LANES(Phaser) {
  const int count = phaser::stageCount(in[kNum].at(0, 0));
  const bool shared = in[kFreq].laneStride == 0 && in[kSpread].laneStride == 0 && in[kQ].laneStride == 0;
  const bool blockRate = in[kFreq].sampleStride == 0 && in[kSpread].sampleStride == 0 && in[kQ].sampleStride == 0;
  const int designs = shared ? 1 : lanes;  // lanes 0 .. designs - 1 compute coefficients
  // Shared coefficients on the stack, not in a lane's state: LLVM then knows the stages' stores leave them alone
  // and keeps them in registers (in lane 0's state they were reloaded after every store: allpass_bank 15 % slower).
  double sharedCoefficients[2 * phaser::kMaxStages];
  auto coefficients = [&](int lane) __attribute__((always_inline)) {
    return shared ? sharedCoefficients : coefficientsOf(states + lane * stateStride, count);
  };
  auto designAt = [&](int i) __attribute__((always_inline)) {
    for (int lane = 0; lane < designs; ++lane) {
      double* c = coefficients(lane);
      design(c, c + count, count, in[kFreq].at(lane, i), in[kSpread].at(lane, i), in[kQ].at(lane, i), env);
    }
  };
  if (blockRate) designAt(0);
  int first = 0;
  if (blockRate) {
    // Coefficients fixed for the block: lanes two by two (runPair), the odd one below.
    for (; first + 2 <= lanes; first += 2) {
      char* state[2];
      const double *c[2], *d[2];
      for (int g = 0; g < 2; ++g) {
        state[g] = states + (first + g) * stateStride;
        c[g] = coefficients(first + g);
        d[g] = c[g] + count;
      }
      runPair(state, c, d, count, in, first, out, outLaneStride, outSampleStride, n);
    }
  }
  PATCHC_KEEP_LOOP
  for (int i = 0; i < n; ++i) {
    if (!blockRate) designAt(i);
    for (int lane = first; lane < lanes; ++lane) {
      const double* c = coefficients(lane);
      out[lane * outLaneStride + i * outSampleStride] =
          tick(states + lane * stateStride, c, c + count, count, in[kInput].at(lane, i), in[kFeedback].at(lane, i));
    }
  }
}
