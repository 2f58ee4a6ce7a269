// The one-pole lowpass Tone and Atone share (pyo's): y[n] = x[n] + c·(y[n-1] − x[n]), c = exp(−2π·freq/sr),
// freq clamped to [0.1 Hz, 0.49·sr] as pyo 1.0.4 clamps it. Tone outputs y, Atone x − y.
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::onepole {

struct State {
  float y1;
};

inline float coefficient(float freq, const Env* env) {
  return std::exp(-kTwoPi * clampf(freq, 0.1f, 0.49f * env->sampleRate) * env->inverseSampleRate);
}

// `Inputs` is the object's enum (tone::Input or atone::Input: kInput, kFreq); `highpass` makes it Atone.
template <typename Inputs>
inline void process(void* state_, const In* in, float* out, int n, const Env* env, bool highpass) {
  auto* state = static_cast<State*>(state_);
  float y = state->y1;
  for (int i = 0; i < n; ++i) {
    const float x = in[Inputs::kInput][i];
    y = x + (y - x) * coefficient(in[Inputs::kFreq][i], env);
    out[i] = highpass ? x - y : y;
  }
  state->y1 = y;
}

}  // namespace patchc::kernel::onepole

namespace patchc::declare {

template <typename Inputs>
inline void onePoleFilter(ObjectSpec& spec, const char* doc, const char* freqDoc) {
  spec.doc = doc;
  spec.input(Inputs::kInput, audio("input", "input signal to process"));
  spec.input(Inputs::kFreq, signal("freq", 1000.0f, freqDoc));
  spec.facts = filterFacts(0.5f);
  spec.stateBytes = sizeof(kernel::onepole::State);
  spec.algorithm =
      "one pole: y = x + c·(y₁ − x), c = exp(−2π·freq/sr), freq clamped to [0.1, 0.49·sr]; Atone outputs x − y";
  spec.differences = "as pyo (gains within 0.01 dB of pyo's measured ones)";
}

}  // namespace patchc::declare
