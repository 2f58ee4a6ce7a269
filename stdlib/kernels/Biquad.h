// The RBJ Audio EQ Cookbook design (Robert Bristow-Johnson) shared by Biquad and Biquadx, so that the
// cascade-fuse pass's Biquadx computes exactly what the Biquads it replaces computed (BiquadBank.h runs both,
// each read by its own enum). With ω0 = 2π f / sr and α = sin ω0 / (2 Q), before normalizing by a0 = 1 + α
// (a1 = -2 cos ω0, a2 = 1 - α):
//   type 0 lowpass:  b = ((1 - cos ω0)/2, 1 - cos ω0, (1 - cos ω0)/2)
//   type 1 highpass: b = ((1 + cos ω0)/2, -(1 + cos ω0), (1 + cos ω0)/2)
//   type 2 bandpass, constant 0 dB peak gain: b = (α, 0, -α)
//   type 3 bandstop (notch): b = (1, -2 cos ω0, 1)
//   type 4 allpass: b = (1 - α, -2 cos ω0, 1 + α)
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::biquad {

inline BiquadCoefficients cookbook(float freq, float q, float type, const Env* env) {
  float w0 = kTwoPi * safeFrequency(freq, env) * env->inverseSampleRate;
  q = clampf(q, 0.01f, 10000.0f);
  float cosw = std::cos(w0);
  float alpha = std::sin(w0) / (2.0f * q);
  float inverseA0 = 1.0f / (1.0f + alpha);
  float a1 = -2.0f * cosw * inverseA0;
  float a2 = (1.0f - alpha) * inverseA0;
  switch (type >= 4.0f ? 4 : type >= 3.0f ? 3 : type >= 2.0f ? 2 : type >= 1.0f ? 1 : 0) {  // pyo's int(type), 0..4
    default:
    case 0: {
      float b = (1.0f - cosw) * 0.5f * inverseA0;
      return {b, 2.0f * b, b, a1, a2};
    }
    case 1: {
      float b = (1.0f + cosw) * 0.5f * inverseA0;
      return {b, -2.0f * b, b, a1, a2};
    }
    case 2:
      return {alpha * inverseA0, 0.0f, -alpha * inverseA0, a1, a2};
    case 3:
      return {inverseA0, a1, inverseA0, a1, a2};
    case 4:
      return {a2, a1, 1.0f, a1, a2};
  }
}

// Biquadx's stage count for a `stages` value: pyo's int(stages), at least 1; NaN (not constant) gives pyo's 4.
constexpr int kMaxStages = 256;
inline int stageCount(float stages) {
  if (!(stages == stages)) return 4;
  return static_cast<int>(stages < 1.0f ? 1.0f : (stages > kMaxStages ? kMaxStages : stages));
}

// Biquadx's per-lane state: one direct-form-I history per stage.
inline uint64_t laneBytes(float stages) { return sizeof(BiquadHistory) * static_cast<size_t>(stageCount(stages)); }

enum Input { kInput, kFreq, kQ, kType };

}  // namespace patchc::kernel::biquad

namespace patchc::declare {

// Biquad's and Biquadx's type: pyo 1.0.4's switch has no case for other values, so no coefficients are made.
inline ValidRange filterType() {
  return {0.0f, 4.0f, true, "pyo 1.0.4 has no filter for it (it never computes coefficients); patchc uses 0, lowpass",
          "pyo 1.0.4 has no filter for it (it never computes coefficients); patchc uses 4, allpass",
          "pyo 1.0.4 refuses it (type takes an int); patchc uses its whole part"};
}

// The RBJ biquads' q: pyo documents 1..500 but computes with any q from 0.1 up (0.1 below that).
inline ValidRange cookbookQ() {
  return {1.0f, 500.0f, false,
          "pyo 1.0.4 filters with it all the same (with 0.1 below 0.1), patchc too (with 0.01 below 0.01)",
          "pyo 1.0.4 filters with it all the same, patchc too (up to 10000)", ""};
}

}  // namespace patchc::declare

PATCHC_OBJECT(Biquad) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::biquad;
  spec.doc = "A sweepable RBJ-cookbook biquad: lowpass, highpass, bandpass, bandstop or allpass.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFreq, signal("freq", 1000.0f, "cutoff or centre frequency in Hz"));
  spec.input(kQ, within(signal("q", 1.0f, "Q of the filter"), cookbookQ()));
  spec.input(kType,
             within(constant("type", 0.0f, "0 lowpass, 1 highpass, 2 bandpass, 3 bandstop, 4 allpass"), filterType()));
  spec.facts = filterFacts(1.0f);
  spec.stateBytes = sizeof(kernel::BiquadHistory);
  spec.facts.cascade = Cascade{"Biquadx", "stages", {"freq", "q", "type"}};
  spec.algorithm = "RBJ cookbook, types 0..4";
  spec.differences = "starts from zero state; pyo starts its history from the first input sample";
}
