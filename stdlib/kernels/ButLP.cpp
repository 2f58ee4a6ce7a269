// ButLP(input, freq): second-order Butterworth lowpass, bilinear transform with the cutoff prewarped
// (the classic Csound butterlp design): with C = 1 / tan(π f / sr),
//   b0 = 1 / (1 + √2 C + C²), b1 = 2 b0, b2 = b0, a1 = 2 (1 - C²) b0, a2 = (1 - √2 C + C²) b0.
// |H(e^jω)|² = 1 / (1 + Ω⁴) with Ω = tan(ω/2) / tan(π f / sr): -3 dB exactly at f.
#include "stdlib/kernels/ButLP.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::butlp;

namespace {

BiquadCoefficients butterworthLowpass(const In* in, int i, const Env* env) {
  constexpr float kSqrt2 = 1.41421356237f;
  float c = 1.0f / std::tan(kPi * safeFrequency(in[kFreq][i], env) * env->inverseSampleRate);
  float c2 = c * c;
  float b0 = 1.0f / (1.0f + kSqrt2 * c + c2);
  return {b0, 2.0f * b0, b0, 2.0f * (1.0f - c2) * b0, (1.0f - kSqrt2 * c + c2) * b0};
}

}  // namespace

PATCHC_KERNEL_INIT(ButLP) {}

PATCHC_KERNEL_PROCESS(ButLP) {
  runBiquad<kInput, kFreq>(static_cast<BiquadHistory*>(state_), in, out, n, env, butterworthLowpass);
}
