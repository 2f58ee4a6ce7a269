// ButBP(input, freq, q): second-order Butterworth bandpass of bandwidth B = freq / q, bilinear transform with
// the bandwidth prewarped (the classic Csound butterbp design): with C = 1 / tan(π B / sr), D = 2 cos(2π f / sr),
//   b0 = 1 / (1 + C), b1 = 0, b2 = -b0, a1 = -C D b0, a2 = (C - 1) b0.
// |H(e^jω)|² = 1 / (1 + C² (cos ω - cos ω0)² / sin² ω): 0 dB at f, -3 dB at the band edges.
#include "stdlib/kernels/ButBP.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::butbp;

namespace {

BiquadCoefficients butterworthBandpass(const In* in, int i, const Env* env) {
  float freq = safeFrequency(in[kFreq][i], env);
  float q = clampf(in[kQ][i], 0.01f, 10000.0f);
  float bandwidth = safeFrequency(freq / q, env);
  float c = 1.0f / std::tan(kPi * bandwidth * env->inverseSampleRate);
  float d = 2.0f * std::cos(kTwoPi * freq * env->inverseSampleRate);
  float b0 = 1.0f / (1.0f + c);
  return {b0, 0.0f, -b0, -c * d * b0, (c - 1.0f) * b0};
}

}  // namespace

PATCHC_KERNEL_INIT(ButBP) {}

PATCHC_KERNEL_PROCESS(ButBP) {
  runBiquad<kInput, kFreq, kQ>(static_cast<BiquadHistory*>(state_), in, out, n, env, butterworthBandpass);
}
