// Allpass2(input, freq, bw): the second-order allpass of Zölzer's DAFX ("Filters", allpass-based parametric
// filters; Regalia and Mitra's form), with centre frequency fc = freq and bandwidth fb = bw in Hz:
//   A(z) = (-c + d(1 - c) z^-1 + z^-2) / (1 + d(1 - c) z^-1 - c z^-2),
//   c = (tan(π fb / sr) - 1) / (tan(π fb / sr) + 1),  d = -cos(2π fc / sr).
// |A| = 1 everywhere; the phase is exactly -π at fc, and -π/2 and -3π/2 lie fb apart around it. pyo 1.0.4 has the
// same response (measured: -π at 1001 Hz, -π/2 and -3π/2 at 952 and 1052 Hz for freq 1000, bw 100; its first
// output sample is -c). pyo starts its history from the first input sample; patchc from silence.
//
// The trigonometry is the polynomial sine (KernelMath.h, 2.5e-7), not libm: a bank of Allpass2 swept by an LFO
// (the manual's allpass example) designs every lane every sample, and that vectorizes only without calls.
#include "stdlib/kernels/Allpass2.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::allpass2;

namespace {

struct AllpassCoefficients {
  float c, b1;  // b0 = a2 = -c, b2 = 1, a1 = b1 = d (1 - c)
};

// c from the bandwidth, d from the centre frequency: a bank swept by an LFO recomputes only d each sample.
inline float bandwidthCoefficient(float bw, const Env* env) {
  float half = 0.5f * safeFrequency(bw, env) * env->inverseSampleRate;  // π fb / sr = 2π · half
  float t = sinCycles(half) / sinCycles(half + 0.25f);                   // tan(π fb / sr), half < 1/4
  return (t - 1.0f) / (t + 1.0f);
}

inline AllpassCoefficients design(float freq, float c, const Env* env) {
  float d = -sinCycles(safeFrequency(freq, env) * env->inverseSampleRate + 0.25f);  // -cos(2π fc / sr)
  return {c, d * (1.0f - c)};
}

// One sample of one lane (direct form I), the same arithmetic for process and processLanes.
inline float step(AllpassCoefficients k, float x, float& x1, float& x2, float& y1, float& y2) {
  float y = -k.c * x + k.b1 * x1 + x2 - k.b1 * y1 + k.c * y2;
  x2 = x1;
  x1 = x;
  y2 = y1;
  y1 = y;
  return y;
}

// Lanes computed together: one AVX-512 vector. A filter's recursion is short (two multiply-adds), so one vector
// of voices keeps the CPU busy, and a bank of 24 or 48 filters wastes no lanes.
constexpr int kFilterBlock = 16;

// `Full`: all kFilterBlock lanes real, so lane l reads input lane first + l (contiguous: vector loads rather than
// gathers); a partial block computes copies of its last lane. `WholeStores`: Kernel.h's padding lets even a
// partial block store whole vectors.
template <bool Full, bool WholeStores>
PATCHC_INLINE void laneBlock(char* states, int stateStride, const LaneIn* __restrict in, float* __restrict out,
                      int outLaneStride, int outSampleStride, int first, int count, int n, const Env* env) {
  const bool freqChanges = in[kFreq].sampleStride != 0, bwChanges = in[kBw].sampleStride != 0;
  float x1[kFilterBlock], x2[kFilterBlock], y1[kFilterBlock], y2[kFilterBlock], c[kFilterBlock], b1[kFilterBlock];
  for (int l = 0; l < kFilterBlock; ++l) {
    const int lane = first + (Full || l < count ? l : count - 1);
    const auto* h = reinterpret_cast<const BiquadHistory*>(states + lane * stateStride);
    x1[l] = h->x1;
    x2[l] = h->x2;
    y1[l] = h->y1;
    y2[l] = h->y2;
    AllpassCoefficients k = design(in[kFreq].at(lane, 0), bandwidthCoefficient(in[kBw].at(lane, 0), env), env);
    c[l] = k.c;
    b1[l] = k.b1;
  }
  PATCHC_KEEP_LOOP
  for (int i = 0; i < n; ++i) {
    for (int l = 0; l < kFilterBlock; ++l) {
      const int lane = first + (Full || l < count ? l : count - 1);
      AllpassCoefficients k{c[l], b1[l]};
      if (bwChanges) k.c = bandwidthCoefficient(in[kBw].at(lane, i), env);
      if (freqChanges || bwChanges) k = design(in[kFreq].at(lane, i), k.c, env);
      float y = step(k, in[kInput].at(lane, i), x1[l], x2[l], y1[l], y2[l]);
      if (Full || WholeStores || l < count) out[(first + l) * outLaneStride + i * outSampleStride] = y;
    }
  }
  for (int l = 0; l < count; ++l) {
    auto* h = reinterpret_cast<BiquadHistory*>(states + (first + l) * stateStride);
    *h = {x1[l], x2[l], y1[l], y2[l]};
  }
}

}  // namespace

PATCHC_KERNEL_INIT(Allpass2) {}

PATCHC_KERNEL_PROCESS(Allpass2) {
  auto* h = static_cast<BiquadHistory*>(state_);
  const bool freqChanges = in[kFreq].stride != 0, bwChanges = in[kBw].stride != 0;
  float x1 = h->x1, x2 = h->x2, y1 = h->y1, y2 = h->y2;
  AllpassCoefficients k = design(in[kFreq][0], bandwidthCoefficient(in[kBw][0], env), env);
  for (int i = 0; i < n; ++i) {
    if (bwChanges) k.c = bandwidthCoefficient(in[kBw][i], env);
    if (freqChanges || bwChanges) k = design(in[kFreq][i], k.c, env);
    out[i] = step(k, in[kInput][i], x1, x2, y1, y2);
  }
  *h = {x1, x2, y1, y2};
}

PATCHC_KERNEL_PROCESS_LANES(Allpass2) {
  // Whole blocks, then the partial one. `whole` is computed, not left as the loop's exit value, so that with the
  // code generator's constant lane count the variants not used fold away before LLVM optimizes them.
  const int whole = lanes / kFilterBlock * kFilterBlock;
  for (int first = 0; first < whole; first += kFilterBlock)
    laneBlock<true, true>(states, stateStride, in, out, outLaneStride, outSampleStride, first, kFilterBlock, n, env);
  if (whole == lanes) return;
  if (outputPadded(lanes, outLaneStride, outSampleStride))
    laneBlock<false, true>(states, stateStride, in, out, outLaneStride, outSampleStride, whole, lanes - whole, n, env);
  else
    laneBlock<false, false>(states, stateStride, in, out, outLaneStride, outSampleStride, whole, lanes - whole, n, env);
}
