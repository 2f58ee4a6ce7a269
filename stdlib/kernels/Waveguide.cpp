// Waveguide(input, freq, dur, minfreq): a basic string waveguide (Karplus-Strong as extended by Jaffe and
// Smith, "Extensions of the Karplus-Strong plucked-string algorithm", CMJ 1983): one delay line closed through a
// two-point average lowpass and a loss g,
//   r[n] = line(n - D),  s[n] = (r[n] + r[n-1]) / 2,  line[n] = x[n] + g · s[n],  output = DC-blocked s[n].
// The average delays by half a sample, so D = sr / freq - 1/2 makes the loop exactly one period long; the line
// is read with 4-point (3rd-order) Lagrange interpolation, as pyo's. pyo's documentation defines dur as the time
// to fall 40 dB: g = 10^(-2 / (freq · dur)) / cos(π freq / sr) makes the fundamental do that (the division
// undoes the average's loss at freq), capped at 0.99999 so that the loop stays stable at DC. A first-order DC
// blocker (pole 1 - 2π · 5 Hz / sr) on the output removes the offset a constant input would build up in the loop.
// freq is clipped to [minfreq, sr / 2.5] (the line's length and the interpolation's reach), dur to at least 1 ms;
// minfreq is a Constant input that sizes the line.
#include "stdlib/kernels/Waveguide.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::waveguide;

namespace {

constexpr float kMaxLoopGain = 0.99999f;

struct Loop {
  float delay;  // D in samples
  float gain;   // g
};

inline Loop designLoop(float freq, float dur, float minfreq, int length, const Env* env) {
  const float sampleRate = env->sampleRate;
  const float f = clampf(freq, waveguide::lowestFrequency(minfreq), sampleRate * 0.4f);
  const float delay = clampf(sampleRate / f - 0.5f, 2.0f, static_cast<float>(length - 3));
  const float seconds = dur > 0.001f ? dur : 0.001f;
  float gain = std::pow(10.0f, -2.0f / (f * seconds)) / std::cos(kPi * f * env->inverseSampleRate);
  return {delay, gain < kMaxLoopGain ? gain : kMaxLoopGain};
}

// The line read `delay` samples back from the sample about to be written (delay >= 2), 3rd-order Lagrange
// through the samples at whole delays m - 1, m, m + 1, m + 2 with m = floor(delay).
inline float lagrangeRead(const float* line, int length, int writeIndex, float delay) {
  const float whole = std::floor(delay);
  const float f = delay - whole;
  int index = writeIndex - static_cast<int>(whole) + 1;  // delay m - 1
  if (index < 0) index += length;
  float taps[4];
  for (int k = 0; k < 4; ++k) {
    taps[k] = line[index];
    if (--index < 0) index += length;
  }
  const float hm1 = -f * (f - 1.0f) * (f - 2.0f) * (1.0f / 6.0f);
  const float h0 = (f + 1.0f) * (f - 1.0f) * (f - 2.0f) * 0.5f;
  const float h1 = -(f + 1.0f) * f * (f - 2.0f) * 0.5f;
  const float h2 = (f + 1.0f) * f * (f - 1.0f) * (1.0f / 6.0f);
  return hm1 * taps[0] + h0 * taps[1] + h1 * taps[2] + h2 * taps[3];
}

}  // namespace

PATCHC_KERNEL_INIT(Waveguide) {
  auto* state = static_cast<waveguide::State*>(state_);
  state->length = waveguide::lineLength(in[kMinfreq].value(), env->sampleRate);
  state->writeIndex = 0;
  state->lastRead = 0.0f;
  state->dcInput = 0.0f;
  state->dcOutput = 0.0f;
}

PATCHC_KERNEL_PROCESS(Waveguide) {
  auto* state = static_cast<waveguide::State*>(state_);
  float* line = reinterpret_cast<float*>(state + 1);
  const int length = state->length;
  const float minfreq = in[kMinfreq].value();
  const float dcPole = 1.0f - kTwoPi * 5.0f * env->inverseSampleRate;
  const bool blockRate = in[kFreq].stride == 0 && in[kDur].stride == 0;
  Loop loop = blockRate ? designLoop(in[kFreq][0], in[kDur][0], minfreq, length, env) : Loop{};
  int writeIndex = state->writeIndex;
  float lastRead = state->lastRead, dcInput = state->dcInput, dcOutput = state->dcOutput;
  for (int i = 0; i < n; ++i) {
    if (!blockRate) loop = designLoop(in[kFreq][i], in[kDur][i], minfreq, length, env);
    const float read = lagrangeRead(line, length, writeIndex, loop.delay);
    const float averaged = 0.5f * (read + lastRead);
    lastRead = read;
    line[writeIndex] = in[kInput][i] + loop.gain * averaged;
    if (++writeIndex == length) writeIndex = 0;
    dcOutput = averaged - dcInput + dcPole * dcOutput;
    dcInput = averaged;
    out[i] = dcOutput;
  }
  state->writeIndex = writeIndex;
  state->lastRead = lastRead;
  state->dcInput = dcInput;
  state->dcOutput = dcOutput;
}
