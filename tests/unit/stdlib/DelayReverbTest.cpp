// Delay and Freeverb.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> delayed(const std::vector<float>& x, float delay, float feedback, float maxdelay, int count) {
  return render("Delay", {Input::signal(x), Input::value(delay), Input::value(feedback), Input::value(maxdelay)},
                count);
}

TEST(Delay, ImpulseComesBackAfterDelayWithFeedbackRepeats) {
  const int count = 5000;
  std::vector<float> y = delayed(impulse(count), 0.01f, 0.5f, 1.0f, count);  // 441 samples
  for (int i = 0; i < count; ++i) {
    float expected = 0.0f;
    if (i > 0 && i % 441 == 0) expected = std::pow(0.5f, static_cast<float>(i / 441 - 1));
    ASSERT_NEAR(y[i], expected, 1e-6) << i;
  }
}

TEST(Delay, FractionalDelayInterpolatesLinearly) {
  std::vector<float> y = delayed(impulse(64), 10.25f / 44100.0f, 0.0f, 1.0f, 64);
  EXPECT_NEAR(y[10], 0.75f, 1e-4);
  EXPECT_NEAR(y[11], 0.25f, 1e-4);
  EXPECT_NEAR(y[9] + y[12], 0.0f, 1e-6);
}

TEST(Delay, DelayIsClippedToOneSampleAndMaxdelay) {
  std::vector<float> y = delayed(impulse(64), 0.0f, 0.0f, 1.0f, 64);  // as pyo: at least one sample
  EXPECT_EQ(y[0], 0.0f);
  EXPECT_EQ(y[1], 1.0f);
  y = delayed(impulse(2000), 1.0f, 0.0f, 0.01f, 2000);  // at most maxdelay = 441 samples
  EXPECT_NEAR(y[441], 1.0f, 1e-4);
  float elsewhere = 0.0f;
  for (int i = 0; i < 2000; ++i)
    if (i != 441) elsewhere += std::abs(y[i]);
  EXPECT_LT(elsewhere, 1e-4);
}

TEST(Delay, FeedbackIsClippedToZeroOne) {
  // As pyo 1.0.4: feedback 1.5 repeats at unit gain, a negative feedback does not repeat.
  std::vector<float> y = delayed(impulse(1000), 0.01f, 1.5f, 1.0f, 1000);
  EXPECT_NEAR(y[441], 1.0f, 1e-5);
  EXPECT_NEAR(y[882], 1.0f, 1e-5);
  y = delayed(impulse(1000), 0.01f, -0.5f, 1.0f, 1000);
  EXPECT_NEAR(y[441], 1.0f, 1e-6);
  EXPECT_NEAR(y[882], 0.0f, 1e-6);
}

TEST(Delay, SweptDelayReadsTheLine) {
  // An audio-rate delay: a constant input through a moving delay comes out constant once the line is full.
  const int count = 10000;
  std::vector<float> x(count, 0.5f), d(count);
  for (int i = 0; i < count; ++i) d[i] = 0.01f + 0.005f * std::sin(2.0f * kernel::kPi * 3.0f * i / 44100.0f);
  std::vector<float> y =
      render("Delay", {Input::signal(x), Input::signal(d), Input::value(0.0f), Input::value(0.1f)}, count);
  for (int i = 1000; i < count; ++i) ASSERT_NEAR(y[i], 0.5f, 1e-6) << i;
}

std::vector<float> reverb(const std::vector<float>& x, float size, float damp, float bal) {
  return render("Freeverb", {Input::signal(x), Input::value(size), Input::value(damp), Input::value(bal)},
                static_cast<int>(x.size()));
}

TEST(Freeverb, BalanceZeroIsDry) {
  std::vector<float> x = uniformNoise(20000, 5);
  EXPECT_EQ(reverb(x, 0.5f, 0.5f, 0.0f), x);
}

TEST(Freeverb, MatchesPyoImpulseStart) {
  // Measured with pyo 1.0.4 (Freeverb(Trig(), bal=0.5)): the dry impulse at sqrt(0.5), the combs' first
  // echoes at 0.015 · sqrt(0.5) at 1116 and 1188 samples, the first allpass echo inverted at 1116 + 225.
  std::vector<float> y = reverb(impulse(1400), 0.5f, 0.5f, 0.5f);
  EXPECT_NEAR(y[0], 0.707107f, 1e-6);
  EXPECT_NEAR(y[1116], 0.010607f, 1e-6);
  EXPECT_NEAR(y[1188], 0.010607f, 1e-6);
  EXPECT_NEAR(y[1341], -0.010607f, 1e-6);
  for (int i = 1; i < 1116; ++i) ASSERT_EQ(y[i], 0.0f) << i;
}

TEST(Freeverb, DecaysAndStaysFinite) {
  const int count = 44100 * 6;
  for (float size : {0.0f, 0.5f, 1.0f}) {
    std::vector<float> y = reverb(impulse(count), size, 0.5f, 1.0f);
    double energy = 0.0;
    for (float v : y) {
      ASSERT_TRUE(std::isfinite(v));
      energy += static_cast<double>(v) * v;
    }
    EXPECT_GT(energy, 1e-3) << size;
    EXPECT_LT(energy, 1.0) << size;
    // The tail decays: every second is quieter than the one before, the last much quieter than the first.
    for (int second = 1; second < 6; ++second)
      EXPECT_LT(rms(y, second * 44100, (second + 1) * 44100), rms(y, (second - 1) * 44100, second * 44100)) << size;
    // (size 1 gives pyo's comb feedback of 0.99: about -4 dB a second)
    EXPECT_LT(rms(y, count - 44100, count), (size < 1.0f ? 0.01 : 0.2) * rms(y, 0, 44100)) << size;
  }
}

TEST(Freeverb, SizeLengthensAndDampDarkens) {
  const int count = 44100 * 2;
  std::vector<float> small = reverb(impulse(count), 0.2f, 0.5f, 1.0f);
  std::vector<float> large = reverb(impulse(count), 0.9f, 0.5f, 1.0f);
  EXPECT_GT(rms(large, 44100, count), 3.0 * rms(small, 44100, count));
  std::vector<float> bright = reverb(impulse(count), 0.8f, 0.0f, 1.0f);
  std::vector<float> dark = reverb(impulse(count), 0.8f, 1.0f, 1.0f);
  auto highBand = [](const std::vector<float>& y) {
    // first difference: a crude highpass
    std::vector<float> d(y.size(), 0.0f);
    for (size_t i = 1; i < y.size(); ++i) d[i] = y[i] - y[i - 1];
    return rms(d, 22050, 44100) / rms(y, 22050, 44100);
  };
  EXPECT_LT(highBand(dark), 0.7 * highBand(bright));
}

TEST(Freeverb, ScalesWithSampleRate) {
  // At 96 kHz the first comb echo comes at round(1116 · 96000 / 44100) = 2429 samples.
  std::vector<float> x = impulse(3000);
  std::vector<float> y =
      render("Freeverb", {Input::signal(x), Input::value(0.5f), Input::value(0.5f), Input::value(1.0f)}, 3000,
             {.sampleRate = 96000.0f});
  for (int i = 0; i < 2429; ++i) ASSERT_EQ(y[i], 0.0f) << i;
  EXPECT_NEAR(y[2429], 0.015f, 1e-6);
}

}  // namespace
}  // namespace patchc::stdlibtest
