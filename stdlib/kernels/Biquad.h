// The RBJ Audio EQ Cookbook design (Robert Bristow-Johnson) shared by Biquad and Biquadx, so that the
// cascade-fuse pass's Biquadx computes exactly what the Biquads it replaces computed. Both read freq, q and type
// at in[1], in[2] and in[3]. With ω0 = 2π f / sr and α = sin ω0 / (2 Q), before normalizing by a0 = 1 + α
// (a1 = -2 cos ω0, a2 = 1 - α):
//   type 0 lowpass:  b = ((1 - cos ω0)/2, 1 - cos ω0, (1 - cos ω0)/2)
//   type 1 highpass: b = ((1 + cos ω0)/2, -(1 + cos ω0), (1 + cos ω0)/2)
//   type 2 bandpass, constant 0 dB peak gain: b = (α, 0, -α)
//   type 3 bandstop (notch): b = (1, -2 cos ω0, 1)
//   type 4 allpass: b = (1 - α, -2 cos ω0, 1 + α)
#pragma once

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

}  // namespace patchc::kernel::biquad
