// The phase accumulator of the oscillators (Sine, SineLoop, FastSine): float within one process call, double
// between calls.
//
// Float makes a lane block of oscillators all-float vectors: twice the lanes per instruction of double and no
// conversions. At a constant frequency (the common case: a list of numbers) the phase i samples into a call is
// start + i·increment, one rounding (half an ulp of the phase unwrapped over the call: 6e-8 cycles for
// 1 kHz over a 64-sample block, 2e-6 near Nyquist) and no accumulated error; at the end of the call the double
// phase advances exactly, so a steady tone does not drift over hours. A frequency that changes every sample
// (FM, vibrato) accumulates in double (next), as a float accumulator would drift by up to 2^-25 cycles a sample.
//
// Free functions on plain numbers rather than a class, so that a lane block keeps phases and increments in
// separate arrays (whole vectors) instead of interleaved pairs. process and processLanes both use them, so a
// lane computed either way gives the same samples.
#pragma once

#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::phase {

inline float start(double phase) { return static_cast<float>(phase); }
inline float increment(float freq, const Env* env) { return freq * env->inverseSampleRate; }

// The phase i samples into a call at a constant frequency, not wrapped: up to i·increment past [0, 1).
// sinCycles reduces its argument itself, so a sine needs no wrap here (two vector instructions a sample);
// a voice that needs [0, 1) wraps it (FastSine). Wrapping would not make it more precise: the one rounding
// happens in the addition.
inline float at(float start, float increment, int i) { return start + static_cast<float>(i) * increment; }

// The phase of this sample at a changing frequency, in [0, 1); then one step of freq/sr.
inline float next(double& phase, float freq, const Env* env) {
  float current = static_cast<float>(phase);
  phase = wrapUnit(phase + static_cast<double>(freq) / static_cast<double>(env->sampleRate));
  return current;
}

// The phase to store after a call of n samples at a constant frequency.
inline double end(double start, float freq, int n, const Env* env) {
  return wrapUnit(start + static_cast<double>(n) * static_cast<double>(freq) / static_cast<double>(env->sampleRate));
}

}  // namespace patchc::kernel::phase
