// ButBR(input, freq, q): second-order Butterworth band-reject of bandwidth B = freq / q, bilinear transform with
// the bandwidth prewarped (the classic Csound butterbr design, pyo 1.0.4's): with C = tan(π B / sr),
// D = 2 cos(2π f / sr), b0 = b2 = 1 / (1 + C), b1 = a1 = -D b0, a2 = (1 - C) b0. 0 at f, -3 dB at the band edges.
#include "stdlib/kernels/ButBR.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::butbr;

namespace {

BiquadCoefficients butterworthBandReject(const In* in, int i, const Env* env) {
  float freq = safeFrequency(in[kFreq][i], env);
  float q = clampf(in[kQ][i], 0.01f, 10000.0f);
  float bandwidth = safeFrequency(freq / q, env);
  float c = std::tan(kPi * bandwidth * env->inverseSampleRate);
  float d = 2.0f * std::cos(kTwoPi * freq * env->inverseSampleRate);
  float b0 = 1.0f / (1.0f + c);
  return {b0, -d * b0, b0, -d * b0, (1.0f - c) * b0};
}

}  // namespace

PATCHC_KERNEL_INIT(ButBR) {}

PATCHC_KERNEL_PROCESS(ButBR) {
  runBiquad<kInput, kFreq, kQ>(static_cast<BiquadHistory*>(state_), in, out, n, env, butterworthBandReject);
}
