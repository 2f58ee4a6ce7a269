// FreqShift(input, shift): single-sideband modulation (Bode's frequency shifter). A Hilbert transformer gives
// the input's analytic signal re + j·im (two allpass chains whose phases differ by 90° over the audio band);
// re·sin(ωt) − im·cos(ωt) keeps only the sideband at f + shift (Oppenheim & Schafer; Zölzer, DAFX §3.6).
#include "stdlib/kernels/FreqShift.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::freqshift;

namespace {

inline float runChain(Allpass* chain, float x) {
  for (int k = 0; k < kStages; ++k) {
    float y = chain[k].coefficient * (x - chain[k].y1) + chain[k].x1;
    chain[k].x1 = x;
    chain[k].y1 = y;
    x = y;
  }
  return x;
}

}  // namespace

PATCHC_KERNEL_INIT(FreqShift) {
  auto* state = static_cast<freqshift::State*>(state_);
  state->phase = 0.0;
  for (int k = 0; k < kStages; ++k) {
    state->real[k] = {allpassCoefficient(kRealPoles[k], env->sampleRate), 0.0f, 0.0f};
    state->imaginary[k] = {allpassCoefficient(kImaginaryPoles[k], env->sampleRate), 0.0f, 0.0f};
  }
}

PATCHC_KERNEL_PROCESS(FreqShift) {
  auto* state = static_cast<freqshift::State*>(state_);
  Allpass real[kStages], imaginary[kStages];
  for (int k = 0; k < kStages; ++k) {
    real[k] = state->real[k];
    imaginary[k] = state->imaginary[k];
  }
  double phase = state->phase;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    const float re = runChain(real, x);
    const float im = runChain(imaginary, x);
    const float cycles = static_cast<float>(phase);
    out[i] = kGain * (re * sinCycles(cycles) - im * sinCycles(cycles + 0.25f));
    // Any finite shift keeps the phase a number (NaN counts as the lower bound, as clampf does).
    phase += static_cast<double>(clampf(in[kShift][i], -1e9f, 1e9f)) * env->inverseSampleRate;
    phase -= std::floor(phase);
  }
  state->phase = phase;
  for (int k = 0; k < kStages; ++k) {
    state->real[k] = real[k];
    state->imaginary[k] = imaginary[k];
  }
}
