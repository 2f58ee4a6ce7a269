// WGVerb(input, feedback, cutoff, bal): an 8-line feedback delay network after Sean Costello's waveguide reverb
// (the design of Csound's reverbsc, which pyo's documentation describes): the lines are 8 lossless waveguides
// meeting at one scattering junction of equal impedances, so each line receives the junction pressure minus its
// own wave, a Householder reflection (J. O. Smith, "Physical Audio Signal Processing", FDN reverberation):
//   o_k = line_k(n - d_k(n)),  p = (2/8) Σ o_k,  line_k[n] = feedback · LP_k(p - o_k + x),  wet = kWetGain · Σ o_k
// The matrix is orthogonal, so feedback alone sets the decay (feedback 1: no loss but the lowpasses'). LP_k is a
// one-pole lowpass at `cutoff`: y += (1 - a)(x - y), a = exp(-2π cutoff / sr). Each delay d_k moves by up to
// ±1 ms along straight lines between random targets (a new target every 1 / rate_k seconds), drawn from a
// xorshift32 seeded by the lane's seed; the lines are read with linear interpolation. The output mixes linearly,
// as pyo 1.0.4 does (measured: bal 0.5 passes the dry impulse at 0.5): (1 - bal) · dry + bal · wet.
// feedback and bal are clipped to [0, 1], cutoff to (0, 0.49 sr). Line lengths (43..91 ms) scale with the rate.
// Linear in its input; not time-invariant (the delays move) and not deterministic (they move by the seed).
#include "stdlib/kernels/WGVerb.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::wgverb;

namespace {

constexpr int kLines = wgverb::kLineCount;
constexpr float kJunction = 2.0f / kLines;
// Sets the wet level near pyo 1.0.4's (impulse-response energy, pyo measured / patchc: 0.045 / 0.048, 0.12 / 0.12 and
// 0.43 / 0.36 at feedback 0.5, 0.7 and 0.9, cutoff 5000 Hz).
constexpr float kWetGain = 0.27f;

// Starts the next straight segment of a line's delay modulation towards a new random target.
inline void nextSegment(wgverb::Modulation& m, uint32_t& generator, int segmentLength) {
  const float target = whiteNoise(generator);
  m.remaining = segmentLength;
  m.step = (target - m.value) / static_cast<float>(segmentLength);
}

inline int segmentLength(int line, float sampleRate) {
  const int length = static_cast<int>(sampleRate / wgverb::kModulationRate[line]);
  return length < 1 ? 1 : length;
}

}  // namespace

PATCHC_KERNEL_INIT(WGVerb) {
  auto* state = static_cast<wgverb::State*>(state_);
  state->generator = seed != 0 ? seed : 0x9E3779B9u;
  for (int k = 0; k < kLines; ++k) {
    state->length[k] = wgverb::lineLength(k, env->sampleRate);
    state->writeIndex[k] = 0;
    state->delay[k] = wgverb::nominalDelay(k, env->sampleRate);
    state->lowpass[k] = 0.0f;
    state->modulation[k].value = whiteNoise(state->generator);
    nextSegment(state->modulation[k], state->generator, segmentLength(k, env->sampleRate));
  }
}

PATCHC_KERNEL_PROCESS(WGVerb) {
  auto* state = static_cast<wgverb::State*>(state_);
  float* lines = reinterpret_cast<float*>(state + 1);
  const float depth = wgverb::depthSamples(env->sampleRate);
  // Everything the loop updates lives in locals for the block.
  uint32_t generator = state->generator;
  int length[kLines], writeIndex[kLines], segment[kLines];
  float delay[kLines], lowpass[kLines];
  wgverb::Modulation modulation[kLines];
  float* line[kLines];
  float* next = lines;
  for (int k = 0; k < kLines; ++k) {
    length[k] = state->length[k];
    writeIndex[k] = state->writeIndex[k];
    delay[k] = state->delay[k];
    lowpass[k] = state->lowpass[k];
    modulation[k] = state->modulation[k];
    segment[k] = segmentLength(k, env->sampleRate);
    line[k] = next;
    next += length[k];
  }
  const bool blockRate = in[kCutoff].stride == 0;
  float smoothing = blockRate ? std::exp(-kTwoPi * safeFrequency(in[kCutoff][0], env) * env->inverseSampleRate) : 0.0f;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    const float feedback = clampf(in[kFeedback][i], 0.0f, 1.0f);
    if (!blockRate) smoothing = std::exp(-kTwoPi * safeFrequency(in[kCutoff][i], env) * env->inverseSampleRate);
    const float balance = clampf(in[kBal][i], 0.0f, 1.0f);

    float outputs[kLines];
    float sum = 0.0f;
    for (int k = 0; k < kLines; ++k) {
      // Read d samples back from the sample about to be written, between the samples at whole delays.
      const float d = delay[k] + depth * modulation[k].value;
      const float whole = std::floor(d);
      const float fraction = d - whole;
      int newer = writeIndex[k] - static_cast<int>(whole);
      if (newer < 0) newer += length[k];
      int older = newer - 1;
      if (older < 0) older += length[k];
      outputs[k] = line[k][newer] + fraction * (line[k][older] - line[k][newer]);
      sum += outputs[k];
    }
    const float junction = kJunction * sum + x;
    for (int k = 0; k < kLines; ++k) {
      lowpass[k] += (1.0f - smoothing) * (junction - outputs[k] - lowpass[k]);
      line[k][writeIndex[k]] = feedback * lowpass[k];
      if (++writeIndex[k] == length[k]) writeIndex[k] = 0;
      modulation[k].value += modulation[k].step;
      if (--modulation[k].remaining == 0) nextSegment(modulation[k], generator, segment[k]);
    }
    out[i] = (1.0f - balance) * x + balance * kWetGain * sum;
  }
  state->generator = generator;
  for (int k = 0; k < kLines; ++k) {
    state->writeIndex[k] = writeIndex[k];
    state->lowpass[k] = lowpass[k];
    state->modulation[k] = modulation[k];
  }
}
