// STRev: a stereo reverb made of two feedback delay networks (FDN; Jot & Chaigne 1991), one per side.
//
// - Each side has 8 delay lines joined by a scattering junction: every line's input is the side's input plus
//   J = ¼·(Σ of the lines' outputs + the side's first reflections), minus the line's own output; with 8 lines
//   (2/8 = ¼) that is the Householder matrix (2/N)·11ᵀ − I, lossless, so the decay is set by the lines alone.
// - Each line's output is scaled by g = 100^(−mean delay / revtime) per pass (40 dB per revtime) and lowpassed
//   by a one-pole y += (1 − d)(x − y), d = b − √(b² − 1), b = 2 − cos(2πf/sr) (−3 dB at f), which shortens the
//   high frequencies' decay. The side nearer the source gets the higher cutoff, f = (0.7 + 0.3·nearness)·cutoff.
// - 13 first reflections, taps of the input, are panned from the source's side towards the centre, then
//   mirrored to the other side and weakened there; they feed the lines (0.1) and the output (firstRefGain).
// - dry: input·(1 − inpos) left, input·inpos right. Each side's lines get 0.8 of its dry and 0.2 of the other
//   side's. The wet output is 0.2413·(Σ lines + reflections·firstRefGain): the level of pyo 1.0.4's STRev.
// inpos, revtime and cutoff are read once per process call (the runtime splits blocks where they change), bal
// per sample.
#include "stdlib/kernels/STRev.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::strev;

namespace {
constexpr float kWetGain = 0.2413f;
constexpr float kOwnSide = 0.8f, kOtherSide = 0.2f;  // of the dry signals into each side's lines
constexpr float kReflectionsIntoLines = 0.1f;
constexpr float kJunction = 2.0f / kLinesPerSide;

float* samplesOf(State* s) { return reinterpret_cast<float*>(s + 1); }

// The one-pole lowpass coefficient for a −3 dB point at `freq`, clamped as pyo to [20 Hz, 0.49·sr].
float dampingFor(float freq, float sampleRate) {
  const float f = freq > 20.0f ? (freq < 0.49f * sampleRate ? freq : 0.49f * sampleRate) : 20.0f;
  const float b = 2.0f - std::cos(kTwoPi * f / sampleRate);
  return b - std::sqrt(b * b - 1.0f);
}

// The reflections' gains on each side for a source at `inpos`: the first half from the source towards the
// centre, the middle one centred, the second half mirrored, weaker on the side away from the source.
void reflectionGains(float inpos, float (&left)[kTapCount], float (&right)[kTapCount]) {
  constexpr int half = (kTapCount - 1) / 2;
  for (int k = 0; k < kTapCount; ++k) {
    if (k == half) {
      left[k] = right[k] = 0.5f;
      continue;
    }
    const int step = k < half ? k : kTapCount - 1 - k;
    const float p = inpos + (0.5f - inpos) * static_cast<float>(step) / half;
    if (k < half) {
      left[k] = 1.0f - p;
      right[k] = p;
    } else {
      left[k] = inpos < 0.5f ? p : p * (1.5f - inpos);
      right[k] = inpos < 0.5f ? (1.0f - p) * (inpos + 0.5f) : 1.0f - p;
    }
  }
}
}  // namespace

PATCHC_KERNEL_INIT(STRev) {
  auto* s = static_cast<State*>(state_);
  const float room = in[kRoomSize].value();
  const double sr = static_cast<double>(env->sampleRate);
  uint64_t samples = 0;
  for (int j = 0; j < kLineCount; ++j) {
    s->lines[j].length = scaledLength(kLineTuning[j], room, sr);
    s->lines[j].position = 0;
    s->lines[j].lowpass = 0.0f;
    samples += s->lines[j].length;
  }
  for (int k = 0; k < kTapCount; ++k) s->taps[k] = scaledLength(kTapTuning[k], room, sr);
  s->reflectionLength = s->taps[kTapCount - 1] + 1;
  s->reflectionPosition = 0;
  s->total[0] = s->total[1] = 0.0f;
  samples += s->reflectionLength;
  float* buffer = samplesOf(s);
  for (uint64_t i = 0; i < samples; ++i) buffer[i] = 0.0f;
}

PATCHC_KERNEL_PROCESS_OUTPUTS(STRev) {
  auto* s = static_cast<State*>(state_);
  const float sr = env->sampleRate;
  const float inpos = clampUnit(in[kInpos][0]);
  const float revtime = in[kRevtime][0] > 0.01f ? in[kRevtime][0] : 0.01f;  // NaN too
  const float cutoff = in[kCutoff][0] == in[kCutoff][0] ? in[kCutoff][0] : 20.0f;
  const float reflectionGain = std::pow(10.0f, in[kFirstRefGain].value() * 0.05f);

  // 40 dB per revtime for a pass through a line of the mean length.
  float meanDelay = 0.0f;
  for (int j = 0; j < kLineCount; ++j) meanDelay += static_cast<float>(s->lines[j].length);
  meanDelay /= kLineCount * sr;
  const float gain = std::pow(100.0f, -meanDelay / revtime);
  const float damping[2] = {dampingFor((0.7f + 0.3f * (1.0f - inpos)) * cutoff, sr),
                            dampingFor((0.7f + 0.3f * inpos) * cutoff, sr)};
  float tapLeft[kTapCount], tapRight[kTapCount];
  reflectionGains(inpos, tapLeft, tapRight);

  float* lineStart[kLineCount];
  float* next = samplesOf(s);
  for (int j = 0; j < kLineCount; ++j) {
    lineStart[j] = next;
    next += s->lines[j].length;
  }
  float* reflections = next;
  const uint32_t reflectionLength = s->reflectionLength;

  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    // The first reflections: taps of the input's line, before this sample is written.
    float early[2] = {0.0f, 0.0f};
    for (int k = 0; k < kTapCount; ++k) {
      uint32_t at = s->reflectionPosition + reflectionLength - s->taps[k];
      if (at >= reflectionLength) at -= reflectionLength;
      early[0] += reflections[at] * tapLeft[k];
      early[1] += reflections[at] * tapRight[k];
    }
    reflections[s->reflectionPosition] = x;
    s->reflectionPosition = s->reflectionPosition + 1 == reflectionLength ? 0 : s->reflectionPosition + 1;

    const float dry[2] = {x * (1.0f - inpos), x * inpos};
    const float bal = clampUnit(in[kBal][i]);
    for (int side = 0; side < 2; ++side) {
      const float feed = kOwnSide * dry[side] + kOtherSide * dry[1 - side] + kReflectionsIntoLines * early[side];
      const float junction = kJunction * (s->total[side] + reflectionGain * early[side]);
      const float d = damping[side];
      float sum = 0.0f;
      for (int j = side * kLinesPerSide; j < (side + 1) * kLinesPerSide; ++j) {
        Line& line = s->lines[j];
        float* samples = lineStart[j];
        const float delayed = samples[line.position] * gain;
        const float filtered = delayed + (line.lowpass - delayed) * d;
        sum += filtered;
        samples[line.position] = feed + junction - line.lowpass;
        line.lowpass = filtered;
        line.position = line.position + 1 == line.length ? 0 : line.position + 1;
      }
      s->total[side] = sum;
      const float wet = kWetGain * (sum + reflectionGain * early[side]);
      out[side][i] = dry[side] + (wet - dry[side]) * bal;
    }
  }
}
