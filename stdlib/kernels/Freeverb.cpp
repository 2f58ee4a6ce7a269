// Freeverb(input, size, damp, bal): Jezar's Freeverb (public-domain description): the input, scaled by 0.015,
// feeds 8 parallel lowpass-feedback comb filters whose sum goes through 4 series allpasses.
//   comb:    y = line[n - L];  lp = y (1 - d) + lp · d;  line[n] = x + lp · g,   g = 0.7 + 0.29 size, d = 0.5 damp
//   allpass: b = line[n - L];  y = b - x;             line[n] = x + 0.5 b
// g and d use pyo 1.0.4's scaling (measured from its impulse response), not Jezar's 0.28 and 0.4, so patchc sounds
// like pyo. Tunings (combs 1116..1617, allpasses 556..225 samples) scale with the sample rate. The output mixes with
// equal power, dry · sqrt(1 - bal) + wet · sqrt(bal), as pyo 1.0.4 does (measured: bal 0.5 gives the dry
// impulse at 0.7071 and the first comb echo at 0.015 · 0.7071). size, damp and bal are clipped to [0, 1].
// pyo's per-stream detuning is a random offset that truncates to 0 in 1.0.4, so lanes are not detuned here either.
#include "stdlib/kernels/Freeverb.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::freeverb;

namespace {

constexpr float kInputGain = 0.015f;
constexpr float kRoomScale = 0.29f;  // Jezar: 0.28; pyo 1.0.4 (measured): 0.29
constexpr float kRoomOffset = 0.7f;
constexpr float kDampScale = 0.5f;  // Jezar: 0.4; pyo 1.0.4 (measured): 0.5
constexpr float kAllpassFeedback = 0.5f;

}  // namespace

PATCHC_KERNEL_INIT(Freeverb) {
  auto* state = static_cast<freeverb::State*>(state_);
  for (int k = 0; k < freeverb::kCombCount; ++k)
    state->combLength[k] = freeverb::scaledLength(freeverb::kCombTuning[k], env->sampleRate);
  for (int k = 0; k < freeverb::kAllpassCount; ++k)
    state->allpassLength[k] = freeverb::scaledLength(freeverb::kAllpassTuning[k], env->sampleRate);
}

PATCHC_KERNEL_PROCESS(Freeverb) {
  auto* state = static_cast<freeverb::State*>(state_);
  float* lines = reinterpret_cast<float*>(state + 1);
  // Indices and filter memories live in locals for the block, so the loop keeps them in registers.
  int combIndex[freeverb::kCombCount], combLength[freeverb::kCombCount];
  float combFilter[freeverb::kCombCount];
  int allpassIndex[freeverb::kAllpassCount], allpassLength[freeverb::kAllpassCount];
  for (int k = 0; k < freeverb::kCombCount; ++k) {
    combIndex[k] = state->combIndex[k];
    combLength[k] = state->combLength[k];
    combFilter[k] = state->combFilter[k];
  }
  for (int k = 0; k < freeverb::kAllpassCount; ++k) {
    allpassIndex[k] = state->allpassIndex[k];
    allpassLength[k] = state->allpassLength[k];
  }
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    const float feedback = kRoomOffset + kRoomScale * clampf(in[kSize][i], 0.0f, 1.0f);
    const float damp = kDampScale * clampf(in[kDamp][i], 0.0f, 1.0f);
    const float balance = clampf(in[kBal][i], 0.0f, 1.0f);

    const float input = x * kInputGain;
    float wet = 0.0f;
    float* line = lines;
    for (int k = 0; k < freeverb::kCombCount; ++k) {
      float y = line[combIndex[k]];
      combFilter[k] = y * (1.0f - damp) + combFilter[k] * damp;
      line[combIndex[k]] = input + combFilter[k] * feedback;
      if (++combIndex[k] == combLength[k]) combIndex[k] = 0;
      wet += y;
      line += combLength[k];
    }
    for (int k = 0; k < freeverb::kAllpassCount; ++k) {
      float buffered = line[allpassIndex[k]];
      line[allpassIndex[k]] = wet + buffered * kAllpassFeedback;
      wet = buffered - wet;
      if (++allpassIndex[k] == allpassLength[k]) allpassIndex[k] = 0;
      line += allpassLength[k];
    }
    out[i] = x * std::sqrt(1.0f - balance) + wet * std::sqrt(balance);
  }
  for (int k = 0; k < freeverb::kCombCount; ++k) {
    state->combIndex[k] = combIndex[k];
    state->combFilter[k] = combFilter[k];
  }
  for (int k = 0; k < freeverb::kAllpassCount; ++k) state->allpassIndex[k] = allpassIndex[k];
}
