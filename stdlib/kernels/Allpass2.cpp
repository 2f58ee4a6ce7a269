// Allpass2(input, freq, bw): the second-order allpass of Zölzer's DAFX ("Filters", allpass-based parametric
// filters; Regalia and Mitra's form), with centre frequency fc = freq and bandwidth fb = bw in Hz:
//   A(z) = (-c + d(1 - c) z^-1 + z^-2) / (1 + d(1 - c) z^-1 - c z^-2),
//   c = (tan(π fb / sr) - 1) / (tan(π fb / sr) + 1),  d = -cos(2π fc / sr).
// |A| = 1 everywhere; the phase is exactly -π at fc, and -π/2 and -3π/2 lie fb apart around it. pyo 1.0.4 has the
// same response (measured: -π at 1001 Hz, -π/2 and -3π/2 at 952 and 1052 Hz for freq 1000, bw 100; its first
// output sample is -c). pyo starts its history from the first input sample; patchc from silence.
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;

namespace {

BiquadCoefficients zoelzerAllpass(const In* in, int i, const Env* env) {
  float t = std::tan(kPi * safeFrequency(in[2][i], env) * env->inverseSampleRate);
  float c = (t - 1.0f) / (t + 1.0f);
  float d = -std::cos(kTwoPi * safeFrequency(in[1][i], env) * env->inverseSampleRate);
  float b1 = d * (1.0f - c);
  return {-c, b1, 1.0f, b1, -c};
}

}  // namespace

PATCHC_KERNEL_INIT(Allpass2) {}

PATCHC_KERNEL_PROCESS(Allpass2) { runBiquad(static_cast<BiquadHistory*>(state_), in, out, n, env, 2, zoelzerAllpass); }
