// LFO(freq, sharp, type): eight wave shapes, each a waveshaping formula of a phase p in cycles that pyo 1.0.4
// documents by its sound (the formulas below were measured against it: harmonic levels and waveform within 1 %).
// n is the number of harmonics the shape aims at, 4 + 46·sharp, kept below sr/4/freq (saws, triangle) or sr/8/freq
// (square, pulses) so that the shapes stay band-limited as the frequency rises:
//   0 saw up       q − tanh(n·q)/tanh(n), q = 2·frac(p + 1/2) − 1 (a ramp from −1 to 1 whose jump is softened)
//   1 saw down     its negation
//   2 square       atan(n·sin 2πp)·2/π
//   3 triangle     (1 − s)·tan(sin 2πp)·2/π + s·tri(p), s = sharp (at most sr/4/freq/36), tri a straight triangle
//   4 pulse        tan(|sin 2πp|^m)·2/π, m = n rounded down to an odd whole number
//   5 bipolar      tan(sin(2πp)^m)·2/π
//   6 sample/hold  a new uniform value in [−1, 1) each time p wraps, reached by a raised-cosine crossfade from the
//                  old one lasting (1 − sharp) of a cycle (sharp 1: a step)
//   7 mod. sine    sin 2πp · (1 − sharp/2 + sharp/2·cos 2πm), m running at 0.99·sharp·freq
// The first sample is at p = 0. freq is clamped to [0.00001, sr/4] and sharp to [0, 1], as pyo does.
#include "stdlib/kernels/LFO.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"
#include "stdlib/kernels/RandomClock.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::lfo;

namespace {

constexpr double kTwoOverPi = 2.0 / 3.14159265358979323846;
constexpr double kPiD = 3.14159265358979323846;
constexpr double kTwoPiD = 2.0 * kPiD;

double wrapOnce(double phase) { return phase >= 1.0 ? phase - 1.0 : (phase < 0.0 ? phase + 1.0 : phase); }

// The number of harmonics shapes 0..5 aim at, at most `limit` (pyo truncates the limit to a whole number).
double harmonics(double sharp, double limit) {
  const double n = sharp * 46.0 + 4.0;
  const double most = std::floor(limit);
  return n > most ? most : n;
}

// The pulses' exponent: odd, so that |sin|^m and sin^m keep the sine's sign and shape.
double oddExponent(double sharp, double limit) {
  double m = std::floor(sharp * 46.0 + 4.0);
  const double most = std::floor(limit);
  if (m > most) m = most;
  if (std::fmod(m, 2.0) == 0.0) m += 1.0;
  return m;
}

}  // namespace

PATCHC_KERNEL_INIT(LFO) {
  auto* state = static_cast<lfo::State*>(state_);
  state->phase = 0.0;
  state->modPhase = 0.0;
  state->holdFade = 0.0;
  uint32_t generator = randomclock::generatorFromSeed(seed);
  state->holdCurrent = state->holdLast = whiteNoise(generator);
  state->generator = generator;
}

PATCHC_KERNEL_PROCESS(LFO) {
  auto* state = static_cast<lfo::State*>(state_);
  const float typeValue = in[kType].value();
  const int shape = typeValue >= 0.0f && typeValue < 8.0f ? static_cast<int>(typeValue) : -1;
  const double sampleRate = env->sampleRate;
  const double quarterRate = sampleRate * 0.25, eighthRate = sampleRate * 0.125;
  double phase = state->phase;
  for (int i = 0; i < n; ++i) {
    const double freq = clampf(in[kFreq][i], 0.00001f, static_cast<float>(quarterRate));
    const double sharp = clampf(in[kSharp][i], 0.0f, 1.0f);
    const double increment = freq / sampleRate;
    double value = 0.0;
    switch (shape) {
      case kSawUp:
      case kSawDown: {
        const double h = harmonics(sharp, quarterRate / freq);
        double q = phase + 0.5;
        if (q >= 1.0) q -= 1.0;
        q = q * 2.0 - 1.0;
        value = q - std::tanh(h * q) / std::tanh(h);
        if (shape == kSawDown) value = -value;
        break;
      }
      case kSquare:
        value = std::atan(harmonics(sharp, eighthRate / freq) * std::sin(kTwoPiD * phase)) * kTwoOverPi;
        break;
      case kTriangle: {
        const double limit = std::floor(quarterRate / freq);
        const double mix = sharp * 36.0 > limit ? limit / 36.0 : sharp;
        const double rounded = std::tan(std::sin(kTwoPiD * phase)) * kTwoOverPi;
        double q = phase + 0.25;
        if (q > 1.0) q -= 1.0;
        const double straight = 4.0 * (0.5 - std::fabs(q - 0.5)) - 1.0;
        value = rounded * (1.0 - mix) + straight * mix;
        break;
      }
      case kPulse:
        value = std::tan(std::pow(std::fabs(std::sin(kTwoPiD * phase)), oddExponent(sharp, eighthRate / freq))) *
                kTwoOverPi;
        break;
      case kBipolarPulse:
        value = std::tan(std::pow(std::sin(kTwoPiD * phase), oddExponent(sharp, eighthRate / freq))) * kTwoOverPi;
        break;
      case kSampleAndHold: {
        // The phase steps first: a new value is drawn on the sample where it wraps. The crossfade lasts
        // floor((1 − sharp)·sr/freq) samples (none: a step on the next sample); its first sample is the old value.
        phase += increment;
        if (phase >= 1.0) {
          phase -= 1.0;
          state->holdFade = 0.0;
          state->holdLast = state->holdCurrent;
          state->holdCurrent = whiteNoise(state->generator);
        }
        if (state->holdFade < 1.0) {
          const double fade = 0.5 * std::cos(kPiD * state->holdFade) + 0.5;  // 1 → 0
          value = state->holdCurrent * (1.0 - fade) + state->holdLast * fade;
          const double fadeSamples = std::floor((1.0 - sharp) / increment);
          state->holdFade = fadeSamples >= 1.0 ? state->holdFade + 1.0 / fadeSamples : 2.0;
        } else {
          value = state->holdCurrent;
        }
        break;
      }
      case kModulatedSine: {
        state->modPhase = wrapOnce(state->modPhase + increment * sharp * 0.99);
        const double depth = sharp * 0.5;
        value = (depth * std::cos(kTwoPiD * state->modPhase) + depth + (1.0 - sharp)) * std::sin(kTwoPiD * phase);
        break;
      }
      default:
        break;
    }
    out[i] = static_cast<float>(value);
    if (shape != kSampleAndHold) phase = wrapOnce(phase + increment);
  }
  state->phase = phase;
}
