// The process and processLanes of Biquad and Biquadx (a Biquad is one stage), written once. A lane runs its
// stages in series, each one direct-form-I step (KernelMath.h's BiquadHistory::step) with the coefficients of
// Biquad.h's design, computed once per block when freq and q are constant over it and once per sample (shared
// by the stages) otherwise. Both entry points apply the same step to the same values in the same order, so a
// lane gives the same samples either way. Both read the inputs by the caller's enum, `Inputs` (biquad::Input or
// biquadx::Input: kInput, kFreq, kQ and kType).
#pragma once

#include "stdlib/kernels/Biquad.h"

namespace patchc::kernel::biquad {

template <typename Inputs>
PATCHC_INLINE void process(BiquadHistory* histories, const In* in, float* __restrict out, int n, const Env* env,
                          int stages) {
  const float type = in[Inputs::kType].value();
  if (in[Inputs::kFreq].stride == 0 && in[Inputs::kQ].stride == 0) {
    // Each stage over the whole block in place: its history stays in registers.
    const BiquadCoefficients c = cookbook(in[Inputs::kFreq][0], in[Inputs::kQ][0], type, env);
    for (int k = 0; k < stages; ++k) {
      BiquadHistory h = histories[k];
      if (k == 0) {
        for (int i = 0; i < n; ++i) out[i] = h.step(c, in[Inputs::kInput][i]);
      } else {
        for (int i = 0; i < n; ++i) out[i] = h.step(c, out[i]);
      }
      histories[k] = h;
    }
  } else {
    for (int i = 0; i < n; ++i) {
      const BiquadCoefficients c = cookbook(in[Inputs::kFreq][i], in[Inputs::kQ][i], type, env);
      float x = in[Inputs::kInput][i];
      for (int k = 0; k < stages; ++k) x = histories[k].step(c, x);
      out[i] = x;
    }
  }
}

// Lanes computed together: two AVX-512 vectors. Each stage of a lane is a serial recursion (y[n] waits two
// multiply-adds for y[n-1]), so one vector alone runs at that latency and a second one side by side is nearly
// free. The 20-voice benchmark cascade measured 758x real time with 32 lanes, 576x with 16 (two blocks), 572x
// with 48 and 418x with 64 (four vectors of histories and coefficients no longer fit in the registers).
constexpr int kBlockLanes = 32;

// One block of lanes: lane l is `first + l`, or a copy of the last lane past `count` (a partial block computes
// copies rather than branch). Coefficients and histories are structures of arrays, so that a field of every lane
// is one vector. The block's input is copied into `signal` (sample i at signal + i·signalStride, its lanes side
// by side) and each stage runs over it in place, so the loop over samples reads no strided input.
class LaneBlock {
 public:
  LaneBlock(char* states, int stateStride, int first, int count, float* signal, int signalStride)
      : states_(states), stateStride_(stateStride), first_(first), count_(count), signal_(signal),
        signalStride_(signalStride) {}

  int lane(int l) const { return first_ + (l < count_ ? l : count_ - 1); }
  BiquadHistory* histories(int l) const {
    return reinterpret_cast<BiquadHistory*>(states_ + lane(l) * stateStride_);
  }
  float* row(int i) const { return signal_ + i * signalStride_; }

  // Lanes past `count` copy the last lane's input: a masked vector load and a blend when the input's lanes are
  // contiguous, a broadcast when every lane reads the same signal.
  PATCHC_INLINE void read(const LaneIn& input, int n) {
    PATCHC_KEEP_LOOP
    for (int i = 0; i < n; ++i) {
      const float last = input.at(first_ + count_ - 1, i);
      float* x = row(i);
      PATCHC_KEEP_LOOP
      for (int l = 0; l < kBlockLanes; ++l) x[l] = l < count_ && input.laneStride != 0 ? input.at(first_ + l, i) : last;
    }
  }

  // Each lane's coefficients for freq and q at sample i: libm's sin and cos, which do not vectorize.
  template <typename Inputs>
  PATCHC_INLINE void design(const LaneIn* in, int i, const Env* env) {
    PATCHC_SCALAR_LOOP
    for (int l = 0; l < kBlockLanes; ++l) {
      const int at = lane(l);
      BiquadCoefficients c =
          cookbook(in[Inputs::kFreq].at(at, i), in[Inputs::kQ].at(at, i), in[Inputs::kType].at(at, 0), env);
      b0_[l] = c.b0, b1_[l] = c.b1, b2_[l] = c.b2, a1_[l] = c.a1, a2_[l] = c.a2;
    }
  }

  // Every stage over samples [start, start + count), with the coefficients of the last design. With
  // `ownStageCounts`, a lane with fewer stages than `stages` passes its signal through the others: after its last
  // stage its coefficients become b0 = 1 and the rest 0, which give y = x.
  template <typename StageCounts>
  PATCHC_INLINE void runStages(int stages, bool ownStageCounts, StageCounts stageCounts, int start, int count) {
    PATCHC_KEEP_LOOP  // up to 256 stages: unrolling them costs compile time and saves nothing
    for (int k = 0; k < stages; ++k) {
      float x1[kBlockLanes], x2[kBlockLanes], y1[kBlockLanes], y2[kBlockLanes];
      PATCHC_SCALAR_LOOP
      for (int l = 0; l < kBlockLanes; ++l) {
        const BiquadHistory& h = histories(l)[k];
        x1[l] = h.x1, x2[l] = h.x2, y1[l] = h.y1, y2[l] = h.y2;
      }
      PATCHC_KEEP_LOOP
      for (int i = start; i < start + count; ++i) {
        float* x = row(i);
        // Vectorized, one step of every lane; no pragma: its two vector iterations unroll, and the histories
        // stay in registers from sample to sample.
        for (int l = 0; l < kBlockLanes; ++l) {
          BiquadHistory h{x1[l], x2[l], y1[l], y2[l]};
          x[l] = h.step({b0_[l], b1_[l], b2_[l], a1_[l], a2_[l]}, x[l]);
          x1[l] = h.x1, x2[l] = h.x2, y1[l] = h.y1, y2[l] = h.y2;
        }
      }
      PATCHC_SCALAR_LOOP
      for (int l = 0; l < count_; ++l) {
        histories(l)[k] = {x1[l], x2[l], y1[l], y2[l]};
        if (ownStageCounts && k + 1 == stageCounts(lane(l))) b0_[l] = 1.0f, b1_[l] = b2_[l] = a1_[l] = a2_[l] = 0.0f;
      }
    }
  }

  // The real lanes, when `signal` is not the output itself.
  PATCHC_INLINE void write(float* __restrict out, int outLaneStride, int outSampleStride, int n) const {
    PATCHC_KEEP_LOOP
    for (int i = 0; i < n; ++i)
      PATCHC_KEEP_LOOP
      for (int l = 0; l < count_; ++l) out[(first_ + l) * outLaneStride + i * outSampleStride] = row(i)[l];
  }

 private:
  char* states_;
  int stateStride_, first_, count_;
  float* signal_;
  int signalStride_;
  float b0_[kBlockLanes], b1_[kBlockLanes], b2_[kBlockLanes], a1_[kBlockLanes], a2_[kBlockLanes];
};

// All lanes, block by block, the lane loop innermost so that it vectorizes. With freq and q constant over the
// block, each lane is designed once and every stage runs over the block; otherwise the lanes are designed and
// every stage steps once per sample. `stageInput` is Biquadx's `stages` (nullptr for Biquad: one stage); lanes
// may have stage counts of their own (lane-fuse may join Biquadx banks of different stages).
template <typename Inputs>
PATCHC_INLINE void processLanes(char* states, int stateStride, const LaneIn* __restrict in, float* __restrict out,
                                int outLaneStride, int outSampleStride, int lanes, int n, const Env* env,
                                const LaneIn* stageInput) {
  auto stageCounts = [&](int lane) { return stageInput != nullptr ? stageCount(stageInput->at(lane, 0)) : 1; };
  const bool ownStageCounts = stageInput != nullptr && stageInput->laneStride != 0;
  const int span = in[Inputs::kFreq].sampleStride == 0 && in[Inputs::kQ].sampleStride == 0 ? n : 1;  // per design
  // The columns of an output frame that may be written: its lanes, and up to whole kLaneBlocks when the frames
  // are padded so (Kernel.h; the code generator pads them). None when the output is not frame-major.
  const int width = outLaneStride != 1                                       ? 0
                    : outputPadded(lanes, outLaneStride, outSampleStride) ? paddedLanes(lanes)
                                                                          : lanes;
  float local[kMaxFrames * kBlockLanes];  // optimized away when every block runs in place
  for (int first = 0; first < lanes; first += kBlockLanes) {
    const int count = lanes - first < kBlockLanes ? lanes - first : kBlockLanes;
    int stages = stageCounts(first);  // the block's most
    if (ownStageCounts)
      for (int l = 1; l < count; ++l) stages = stages > stageCounts(first + l) ? stages : stageCounts(first + l);
    // The stages run in the output itself when the block's columns fit in the frames' width: the columns past
    // `count` are padding or lanes of the blocks that follow, which are computed afterwards. Otherwise in
    // `local`, then copied.
    const bool inPlace = first + kBlockLanes <= width;
    LaneBlock block(states, stateStride, first, count, inPlace ? out + first : local,
                    inPlace ? outSampleStride : kBlockLanes);
    block.read(in[Inputs::kInput], n);
    for (int start = 0; start < n; start += span) {
      block.design<Inputs>(in, start, env);
      block.runStages(stages, ownStageCounts, stageCounts, start, span);
    }
    if (!inPlace) block.write(out, outLaneStride, outSampleStride, n);
  }
}

}  // namespace patchc::kernel::biquad
