// ButHP(input, freq): second-order Butterworth highpass, bilinear transform with the cutoff prewarped
// (the classic Csound butterhp design): with C = tan(π f / sr),
//   b0 = 1 / (1 + √2 C + C²), b1 = -2 b0, b2 = b0, a1 = 2 (C² - 1) b0, a2 = (1 - √2 C + C²) b0.
// |H(e^jω)|² = Ω⁴ / (1 + Ω⁴) with Ω = tan(ω/2) / tan(π f / sr).
#include "stdlib/kernels/ButHP.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::buthp;

namespace {

BiquadCoefficients butterworthHighpass(const In* in, int i, const Env* env) {
  constexpr float kSqrt2 = 1.41421356237f;
  float c = std::tan(kPi * safeFrequency(in[kFreq][i], env) * env->inverseSampleRate);
  float c2 = c * c;
  float b0 = 1.0f / (1.0f + kSqrt2 * c + c2);
  return {b0, -2.0f * b0, b0, 2.0f * (c2 - 1.0f) * b0, (1.0f - kSqrt2 * c + c2) * b0};
}

}  // namespace

PATCHC_KERNEL_INIT(ButHP) {}

PATCHC_KERNEL_PROCESS(ButHP) {
  runBiquad<kInput, kFreq>(static_cast<BiquadHistory*>(state_), in, out, n, env, butterworthHighpass);
}
