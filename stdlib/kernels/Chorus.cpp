// Chorus(input, depth, feedback, bal): the classic chorus (Dattorro, "Effect Design part 2", 1997: a delay
// modulated by a slow LFO beside the dry signal) with 8 voices as pyo 1.0.4 tunes them. Each voice reads its own
// line `centre + depth·deviation·sin(2π·rate·t)` samples back (linear interpolation) and writes the input plus
// `feedback` times what it read; the wet signal is a quarter of the voices' sum, mixed linearly with the dry one.
#include "stdlib/kernels/Chorus.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::chorus;

namespace {

// sin(2π·phase/512) as pyo reads it: linearly interpolated between the values at whole steps (error up to 1.9e-5,
// which moves pyo's delays by up to 0.01 sample; computed here, not stored).
inline float tableSine(float phase) {
  const float whole = std::floor(phase);
  const float below = sinCycles(whole * (1.0f / kTableSteps));
  const float above = sinCycles((whole + 1.0f) * (1.0f / kTableSteps));
  return below + (above - below) * (phase - whole);
}

}  // namespace

PATCHC_KERNEL_INIT(Chorus) {
  auto* state = static_cast<chorus::State*>(state_);
  int offset = 0;
  for (int k = 0; k < kLineCount; ++k) {
    state->phase[k] = 0.0;
    state->length[k] = lineLength(k, env->sampleRate);
    state->offset[k] = offset;
    state->writeIndex[k] = 0;
    offset += state->length[k] + 1;
  }
}

PATCHC_KERNEL_PROCESS(Chorus) {
  auto* state = static_cast<chorus::State*>(state_);
  float* lines = reinterpret_cast<float*>(state + 1);
  const double scale = rateFactor(env->sampleRate);
  float centre[kLineCount], deviation[kLineCount];
  float step[kLineCount], phases[kLineCount];
  int writeIndices[kLineCount], lengths[kLineCount];
  float* line[kLineCount];
  for (int k = 0; k < kLineCount; ++k) {
    line[k] = lines + state->offset[k];
    lengths[k] = state->length[k];
    phases[k] = state->phase[k];
    writeIndices[k] = state->writeIndex[k];
    centre[k] = static_cast<float>(kCentreDelay[k] * scale);
    deviation[k] = static_cast<float>(kDeviation[k] * scale);
    step[k] = static_cast<float>(static_cast<float>(kRate[k]) * 512.0 / static_cast<double>(env->sampleRate));
  }
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    const float depth = clampf(in[kDepth][i], 0.0f, kMaxDepth);
    const float feedback = clampf(in[kFeedback][i], 0.0f, 1.0f);
    const float bal = clampf(in[kBal][i], 0.0f, 1.0f);
    float sum = 0.0f;
    for (int k = 0; k < kLineCount; ++k) {
      const int length = lengths[k];
      const int writeIndex = writeIndices[k];
      float delay = centre[k] + deviation[k] * depth * tableSine(phases[k]);
      float phase = phases[k] + step[k];
      phases[k] = phase >= kTableSteps ? phase - kTableSteps : phase;
      // depth ≤ 5 keeps the delay within (0, length): the read never meets the write.
      float position = static_cast<float>(writeIndex) - delay;
      if (position < 0.0f) position += static_cast<float>(length);
      int whole = static_cast<int>(position);
      if (whole > length - 1) whole = length - 1;
      float fraction = position - static_cast<float>(whole);
      float y = line[k][whole] + (line[k][whole + 1] - line[k][whole]) * fraction;
      sum += y;
      line[k][writeIndex] = x + y * feedback;
      if (writeIndex == 0) line[k][length] = line[k][0];
      writeIndices[k] = writeIndex + 1 == length ? 0 : writeIndex + 1;
    }
    out[i] = x * (1.0f - bal) + 0.25f * sum * bal;
  }
  for (int k = 0; k < kLineCount; ++k) {
    state->phase[k] = phases[k];
    state->writeIndex[k] = writeIndices[k];
  }
}
