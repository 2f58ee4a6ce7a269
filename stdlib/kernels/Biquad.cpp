// Biquad(input, freq, q, type): the RBJ Audio EQ Cookbook filters (Robert Bristow-Johnson).
// With ω0 = 2π f / sr and α = sin ω0 / (2 Q), before normalizing by a0 = 1 + α (a1 = -2 cos ω0, a2 = 1 - α):
//   type 0 lowpass:  b = ((1 - cos ω0)/2, 1 - cos ω0, (1 - cos ω0)/2)
//   type 1 highpass: b = ((1 + cos ω0)/2, -(1 + cos ω0), (1 + cos ω0)/2)
//   type 2 bandpass, constant 0 dB peak gain: b = (α, 0, -α)
//   type 3 bandstop (notch): b = (1, -2 cos ω0, 1)
//   type 4 allpass: b = (1 - α, -2 cos ω0, 1 + α)
// `type` is a Constant input. pyo 1.0.4 starts its history from the first input sample; patchc starts from
// silence (zero state), which keeps the filter linear and time-invariant from the first sample.
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;

namespace {

BiquadCoefficients cookbook(const In* in, int i, const Env* env) {
  float w0 = kTwoPi * safeFrequency(in[1][i], env) * env->inverseSampleRate;
  float q = clampf(in[2][i], 0.01f, 10000.0f);
  float cosw = std::cos(w0);
  float alpha = std::sin(w0) / (2.0f * q);
  float inverseA0 = 1.0f / (1.0f + alpha);
  float a1 = -2.0f * cosw * inverseA0;
  float a2 = (1.0f - alpha) * inverseA0;
  const float type = in[3].value();  // pyo's int(type), clipped to 0..4
  switch (type >= 4.0f ? 4 : type >= 3.0f ? 3 : type >= 2.0f ? 2 : type >= 1.0f ? 1 : 0) {
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

}  // namespace

PATCHC_KERNEL_INIT(Biquad) {}

PATCHC_KERNEL_PROCESS(Biquad) { runBiquad(static_cast<BiquadHistory*>(state_), in, out, n, env, 2, cookbook); }
