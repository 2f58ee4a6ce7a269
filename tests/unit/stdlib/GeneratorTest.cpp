// Sig, Sine, SineLoop, FastSine, Noise and BrownNoise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/support/Analysis.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

// The frequency from the upward zero crossings (linearly interpolated) of x.
double zeroCrossingFrequency(const std::vector<float>& x, double sampleRate = kSampleRate) {
  double first = -1.0, last = -1.0;
  int crossings = 0;
  for (size_t i = 1; i < x.size(); ++i) {
    if (x[i - 1] < 0.0f && x[i] >= 0.0f) {
      double t = static_cast<double>(i - 1) + x[i - 1] / (x[i - 1] - x[i]);
      if (first < 0.0) first = t;
      last = t;
      ++crossings;
    }
  }
  return (crossings - 1) / ((last - first) / sampleRate);
}

TEST(Sig, OutputsItsValue) {
  std::vector<float> out = render("Sig", {Input::value(0.375f)}, 200);
  for (float v : out) ASSERT_EQ(v, 0.375f);
  std::vector<float> ramp(200);
  for (int i = 0; i < 200; ++i) ramp[i] = static_cast<float>(i) * 0.5f;
  EXPECT_EQ(render("Sig", {Input::signal(ramp)}, 200), ramp);
}

TEST(Sine, FrequencyAndAmplitude) {
  for (double freq : {20.0, 440.0, 1000.0, 15000.0}) {
    std::vector<float> out = render("Sine", {Input::value(static_cast<float>(freq)), Input::value(0.0f)}, 441000);
    EXPECT_NEAR(zeroCrossingFrequency(out), freq, 0.01) << freq << " Hz";
    auto [low, high] = std::minmax_element(out.begin(), out.end());
    if (freq <= 1000.0) {  // at 15 kHz the samples miss the peaks
      EXPECT_NEAR(*high, 1.0, 1e-3);
      EXPECT_NEAR(*low, -1.0, 1e-3);
    }
    EXPECT_NEAR(std::abs(toneAt(out, freq, 0, 44100)), 1.0, 1e-3) << freq << " Hz";
  }
}

TEST(Sine, StaysInTuneAfterThreeMinutes) {
  // 3 minutes of 440 Hz: a float accumulator would drift; the last second must still cross at 440 Hz and in
  // phase with the ideal sine.
  const int count = 44100 * 180;
  std::vector<float> out = render("Sine", {Input::value(440.0f), Input::value(0.0f)}, count);
  std::vector<float> tail(out.end() - 44100, out.end());
  EXPECT_NEAR(zeroCrossingFrequency(tail), 440.0, 0.01);
  for (int i = count - 100; i < count; ++i)
    ASSERT_NEAR(out[i], std::sin(2.0 * M_PI * std::fmod(440.0 * i / 44100.0, 1.0)), 2e-3) << i;
}

TEST(Sine, PhaseOffsetIsInCycles) {
  std::vector<float> out = render("Sine", {Input::value(100.0f), Input::value(0.25f)}, 64);
  EXPECT_NEAR(out[0], 1.0f, 1e-6);  // sin(2π · 0.25)
  out = render("Sine", {Input::value(100.0f), Input::value(0.5f)}, 64);
  EXPECT_NEAR(out[0], 0.0f, 1e-6);
  EXPECT_LT(out[1], 0.0f);
}

TEST(Sine, FrequencyModulationFollowsInput) {
  // A frequency signal that jumps from 200 to 800 Hz halfway.
  std::vector<float> freq(88200, 200.0f);
  std::fill(freq.begin() + 44100, freq.end(), 800.0f);
  std::vector<float> out = render("Sine", {Input::signal(freq), Input::value(0.0f)}, 88200);
  EXPECT_NEAR(zeroCrossingFrequency({out.begin(), out.begin() + 44100}), 200.0, 0.05);
  EXPECT_NEAR(zeroCrossingFrequency({out.begin() + 44100, out.end()}), 800.0, 0.05);
}

TEST(SineLoop, NoFeedbackIsASine) {
  std::vector<float> loop = render("SineLoop", {Input::value(440.0f), Input::value(0.0f)}, 44100);
  std::vector<float> sine = render("Sine", {Input::value(440.0f), Input::value(0.0f)}, 44100);
  for (size_t i = 0; i < loop.size(); ++i) ASSERT_NEAR(loop[i], sine[i], 1e-6) << i;
}

TEST(SineLoop, FeedbackRaisesHarmonics) {
  const double f0 = 200.0;
  double previousHarmonics = 0.0;
  for (float feedback : {0.0f, 0.05f, 0.1f, 0.2f}) {
    std::vector<float> out = render("SineLoop", {Input::value(static_cast<float>(f0)), Input::value(feedback)}, 44100);
    double harmonics = 0.0;  // energy of harmonics 2 to 8
    for (int h = 2; h <= 8; ++h) harmonics += std::norm(toneAt(out, h * f0, 4410, 44100));
    double h2 = std::abs(toneAt(out, 2 * f0, 4410, 44100)), h3 = std::abs(toneAt(out, 3 * f0, 4410, 44100));
    if (feedback > 0.0f) {
      EXPECT_GT(h2, 0.01) << feedback;
      EXPECT_GT(h3, 0.001) << feedback;
    }
    if (feedback == 0.0f) {
      EXPECT_LT(harmonics, 1e-8);
    } else {
      EXPECT_GT(harmonics, previousHarmonics * 2.0) << feedback;
    }
    previousHarmonics = harmonics;
  }
}

TEST(SineLoop, MatchesPyoScaling) {
  // Measured with pyo 1.0.4 (SineLoop(200, feedback=0.1), sr 44100): the first samples.
  std::vector<float> out = render("SineLoop", {Input::value(200.0f), Input::value(0.1f)}, 6);
  const float pyo[6] = {0.0f, 0.02849082f, 0.07482113f, 0.13210809f, 0.19571441f, 0.26233593f};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(out[i], pyo[i], 2e-4) << i;
  // and feedback is clipped to [0, 1]
  EXPECT_EQ(render("SineLoop", {Input::value(200.0f), Input::value(3.0f)}, 500),
            render("SineLoop", {Input::value(200.0f), Input::value(1.0f)}, 500));
}

// FastSine's error against the exact sine of the same phase. Bounds: 0.0011 with quality 1 (the refined
// parabola's maximum error is 0.00109), 0.057 with quality 0 (the plain parabola's is 0.0560).
double fastSineError(float quality, float initialPhase, double freq) {
  const int count = 44100;
  std::vector<float> out = render(
      "FastSine", {Input::value(static_cast<float>(freq)), Input::value(initialPhase), Input::value(quality)}, count);
  double worst = 0.0;
  for (int i = 0; i < count; ++i) {
    double phase = initialPhase + freq * i / 44100.0;
    worst = std::max(worst, std::abs(out[i] - std::sin(2.0 * M_PI * phase)));
  }
  return worst;
}

TEST(FastSine, ErrorBounds) {
  for (double freq : {1.0, 441.0, 1234.5}) {
    double refined = fastSineError(1.0f, 0.0f, freq);
    double plain = fastSineError(0.0f, 0.0f, freq);
    EXPECT_LT(refined, 0.0011) << freq;
    EXPECT_LT(plain, 0.057) << freq;
    EXPECT_GT(plain, 0.04) << "quality 0 should be the plain parabola";
  }
  EXPECT_LT(fastSineError(1.0f, 0.3f, 440.0), 0.0011);
}

TEST(FastSine, InitialPhase) {
  std::vector<float> out = render("FastSine", {Input::value(10.0f), Input::value(0.25f), Input::value(1.0f)}, 4);
  EXPECT_NEAR(out[0], 1.0f, 1e-6);
}

TEST(Noise, UniformStatistics) {
  const int count = 1 << 20;
  std::vector<float> out = render("Noise", {}, count, {.seed = 12345});
  double sum = 0.0, squares = 0.0;
  float low = 1.0f, high = -1.0f;
  for (float v : out) {
    sum += v;
    squares += static_cast<double>(v) * v;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  double mean = sum / count;
  double variance = squares / count - mean * mean;
  EXPECT_NEAR(mean, 0.0, 3e-3);  // σ of the mean is sqrt(1/3 / 2^20) = 5.6e-4
  EXPECT_NEAR(variance, 1.0 / 3.0, 3e-3);
  EXPECT_GE(low, -1.0f);
  EXPECT_LT(high, 1.0f);
  EXPECT_LT(low, -0.999f);
  EXPECT_GT(high, 0.999f);
  // white: neighbouring samples are uncorrelated
  double lag1 = 0.0;
  for (int i = 1; i < count; ++i) lag1 += static_cast<double>(out[i]) * out[i - 1];
  EXPECT_NEAR(lag1 / count / variance, 0.0, 0.01);
}

TEST(Noise, SeedsDifferAndRepeat) {
  std::vector<float> a = render("Noise", {}, 1000, {.seed = 1});
  std::vector<float> b = render("Noise", {}, 1000, {.seed = 2});
  std::vector<float> c = render("Noise", {}, 1000, {.seed = 1});
  EXPECT_EQ(a, c);
  EXPECT_NE(a, b);
  int equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  EXPECT_LT(equal, 5);
}

}  // namespace
}  // namespace patchc::stdlibtest

namespace patchc::stdlibtest {
namespace {

// Mean power of x in [lo, hi] Hz, averaged over Hann-windowed segments (Welch).
double bandPower(const std::vector<float>& x, double lo, double hi) {
  const size_t segment = 16384;
  double total = 0.0;
  int segments = 0;
  for (size_t start = 0; start + segment <= x.size(); start += segment / 2, ++segments) {
    std::vector<float> part(x.begin() + static_cast<long>(start), x.begin() + static_cast<long>(start + segment));
    std::vector<double> spectrum = test::magnitudeSpectrum(part, segment);
    for (size_t k = 0; k < spectrum.size(); ++k) {
      double f = test::binFrequency(k, spectrum.size(), kSampleRate);
      if (f >= lo && f <= hi) total += spectrum[k] * spectrum[k];
    }
  }
  return total / segments;
}

TEST(BrownNoise, SpectrumFallsSixDecibelsPerOctave) {
  std::vector<float> y = render("BrownNoise", {}, 44100 * 6, {.seed = 7});
  std::vector<double> levels;
  for (double f : {100.0, 200.0, 400.0, 800.0, 1600.0, 3200.0})
    levels.push_back(10.0 * std::log10(bandPower(y, f / 1.1, f * 1.1) / (0.2 * f)));  // per Hz
  for (size_t k = 1; k < levels.size(); ++k) EXPECT_NEAR(levels[k] - levels[k - 1], -6.0, 1.0) << k;
  EXPECT_NEAR((levels.back() - levels.front()) / 5.0, -6.0, 0.3);
}

TEST(BrownNoise, LevelLikePyoAndNoDrift) {
  // pyo 1.0.4 (measured): RMS 0.44, mean near 0.
  const int count = 44100 * 20;
  std::vector<float> y = render("BrownNoise", {}, count, {.seed = 3});
  EXPECT_NEAR(rms(y, 44100, count), 0.44, 0.05);
  double mean = 0.0;
  for (int i = 44100; i < count; ++i) mean += y[i];
  EXPECT_NEAR(mean / (count - 44100), 0.0, 0.05);
  for (float v : y) ASSERT_LT(std::abs(v), 3.0f);
}

TEST(BrownNoise, SeedsDifferAndRepeat) {
  EXPECT_EQ(render("BrownNoise", {}, 1000, {.seed = 1}), render("BrownNoise", {}, 1000, {.seed = 1}));
  EXPECT_NE(render("BrownNoise", {}, 1000, {.seed = 1}), render("BrownNoise", {}, 1000, {.seed = 2}));
}

}  // namespace
}  // namespace patchc::stdlibtest
