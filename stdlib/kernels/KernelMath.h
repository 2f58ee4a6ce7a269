// Small helpers shared by the kernels: clamping and one second-order IIR section.
// Kernel headers may include only Kernel.h and the C++ math headers (they are compiled to bitcode too).
#pragma once

#include "stdlib/Kernel.h"

// Before a loop over samples whose body is large (a lane block): keeps LLVM from unrolling all 64 iterations of
// it once the code generator's constant block length is known, which costs compile time and gains nothing. Also
// before a short loop over a lane block's lanes whose body is small (a copy): LLVM would unroll it fully before
// the vectorizer sees it, then vectorize the loop around it, over samples, with gathers and scatters.
#ifdef __clang__
#define PATCHC_KEEP_LOOP _Pragma("clang loop unroll(disable)")
#else
#define PATCHC_KEEP_LOOP
#endif

// Before a short loop over a block's lanes that copies their states in or out (each a state stride apart): LLVM
// would vectorize it with gathers and scatters, more machine code to compile than the copies cost to run.
#ifdef __clang__
#define PATCHC_SCALAR_LOOP _Pragma("clang loop unroll(disable) vectorize(disable)")
#else
#define PATCHC_SCALAR_LOOP
#endif

// On a kernel's large helpers: the code generator always-inlines only the patchc_ entry points, and LLVM's cost
// model may keep a large helper (or one that two entry points share, or a lane block's whole and partial blocks)
// out of line, where the constant strides and lane count of the call never reach it and nothing specializes.
#define PATCHC_INLINE __attribute__((always_inline)) inline

namespace patchc::kernel {

// A NaN becomes lo: a parameter the compiler could not fold (inf · 0 at audio rate) must not become a NaN line
// index or length (Waveguide's freq did, and the callback read outside its line).
inline float clampf(float x, float lo, float hi) { return !(x >= lo) ? lo : (x > hi ? hi : x); }

// Clipped to [0, 1], a NaN (and −0) to +0: a position or a balance read as a fraction (Pan's pan, STRev's bal).
inline float clampUnit(float v) { return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f; }

// Wraps a phase in cycles into [0, 1).
inline double wrapUnit(double phase) { return phase - std::floor(phase); }

// sin(2π·x) for x in cycles. sin(2π x) = cos(2π t) with t = x - 1/4 reduced to [-1/2, 1/2], and
// cos(2π t) = sin(2π (1/4 - |t|)) with 1/4 - |t| in [-1/4, 1/4], where the Taylor polynomial of degree 13
// truncates at 7e-10. Evaluated in float: |error| < 2.5e-7 for |x| < 1, half that of sinf(2π·x) in float,
// whose 2π·x already rounds. The reduction is five vector instructions and no branch or select, and there is no
// libm call, so a loop over lanes or samples that calls it vectorizes; a bank of oscillators spends most of its
// time here.
inline float sinCycles(float x) {
  float t = x - 0.25f;
  t -= std::rint(t);                                           // [-1/2, 1/2]
  float a = 0.25f - std::fabs(t);                              // [-1/4, 1/4]
  float z = a * a;
  float p = 3.8199525848482823f;                               // (2π)^13 / 13!
  p = p * z - 15.094642576822984f;                             // (2π)^11 / 11!
  p = p * z + 42.05869394489765f;                              // (2π)^9 / 9!
  p = p * z - 76.70585975306136f;                              // (2π)^7 / 7!
  p = p * z + 81.60524927607504f;                              // (2π)^5 / 5!
  p = p * z - 41.34170224039976f;                              // (2π)^3 / 3!
  p = p * z + 6.283185307179586f;                              // 2π
  return p * a;
}

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

// Runs a biquad over one block: the signal is input `Signal`, the coefficients come from `design(in, i, env)`,
// which reads the inputs `Parameters` (indices in the caller's enum: runBiquad<kInput, kFreq, kQ>). When every
// parameter input has stride 0 (constant or control rate) the coefficients are computed once per block; the
// branch folds when the code generator inlines the kernel with known strides.
template <int Signal, int... Parameters, typename Design>
inline void runBiquad(BiquadHistory* state, const In* in, float* out, int n, const Env* env, Design design) {
  const bool blockRate = (true && ... && (in[Parameters].stride == 0));
  BiquadHistory h = *state;  // local copy: stores to state cannot alias the parameter loads
  BiquadCoefficients c = blockRate ? design(in, 0, env) : BiquadCoefficients{};
  for (int i = 0; i < n; ++i) {
    if (!blockRate) c = design(in, i, env);
    out[i] = h.step(c, in[Signal][i]);
  }
  *state = h;
}

}  // namespace patchc::kernel

// The number a script wrote, as the double pyo keeps: the decimal with the fewest significant digits (up to 9) that
// rounds to x as a float (patchc's inputs are floats: 0.01 arrives as 0.00999999977). For timing that pyo sums in
// double, where the difference moves an event by a sample (Metro). m / 10^k with both exact is correctly rounded,
// as Python's float('0.01') is.
inline double writtenAsDecimal(float x) {
  const double magnitude = std::fabs(static_cast<double>(x));
  if (!(magnitude > 1e-30 && magnitude < 1e30)) return x;
  const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
  for (int digits = 1; digits <= 9; ++digits) {
    const int k = digits - 1 - exponent;  // decimal places
    if (k > 22 || k < -22) break;          // 10^k is no longer exact
    const double power = std::pow(10.0, k < 0 ? -k : k);
    const double candidate = k >= 0 ? std::nearbyint(magnitude * power) / power : std::nearbyint(magnitude / power) * power;
    if (static_cast<float>(candidate) == static_cast<float>(magnitude)) return x < 0.0f ? -candidate : candidate;
  }
  return x;
}
