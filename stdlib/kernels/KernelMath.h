// Small helpers shared by the kernels: clamping and one second-order IIR section.
// Kernel headers may include only Kernel.h and the C++ math headers (they are compiled to bitcode too).
#pragma once

#include "stdlib/Kernel.h"

namespace patchc::kernel {

inline float clampf(float x, float lo, float hi) { return x < lo ? lo : (x > hi ? hi : x); }

// Wraps a phase in cycles into [0, 1).
inline double wrapUnit(double phase) { return phase - std::floor(phase); }

// A filter's centre or corner frequency kept strictly inside (0, Nyquist), so that tan() and the bilinear
// transform stay finite and every pole stays inside the unit circle.
inline float safeFrequency(float freq, const Env* env) { return clampf(freq, 1.0f, 0.49f * env->sampleRate); }

// Normalized biquad coefficients: H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2).
struct BiquadCoefficients {
  float b0 = 0, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
};

// Direct form I: the input and output histories are separate, which keeps a filter whose coefficients move
// every sample (a swept cutoff) well behaved in float.
struct BiquadHistory {
  float x1 = 0, x2 = 0, y1 = 0, y2 = 0;

  float step(const BiquadCoefficients& c, float x) {
    float y = c.b0 * x + c.b1 * x1 + c.b2 * x2 - c.a1 * y1 - c.a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    return y;
  }
};

// Runs a biquad whose coefficients come from `design(freq[, q], env)` over one block. When every parameter
// input has stride 0 (constant or control rate) the coefficients are computed once per block; the branch folds
// when the code generator inlines the kernel with known strides.
template <typename Design>
inline void runBiquad(BiquadHistory* state, const In* in, float* out, int n, const Env* env, int parameterCount,
                      Design design) {
  bool blockRate = true;
  for (int k = 1; k <= parameterCount; ++k) blockRate = blockRate && in[k].stride == 0;
  BiquadHistory h = *state;  // local copy: stores to state cannot alias the parameter loads
  BiquadCoefficients c = blockRate ? design(in, 0, env) : BiquadCoefficients{};
  for (int i = 0; i < n; ++i) {
    if (!blockRate) c = design(in, i, env);
    out[i] = h.step(c, in[0][i]);
  }
  *state = h;
}

}  // namespace patchc::kernel
