// Waveguide (a string: pitch and decay) and WGVerb (an 8-line waveguide reverb).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/support/Analysis.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> pluck(float freq, float dur, int count, float minfreq = 20.0f, float sampleRate = kSampleRate) {
  return render("Waveguide",
                {Input::signal(impulse(count)), Input::value(freq), Input::value(dur), Input::value(minfreq)}, count,
                {.sampleRate = sampleRate});
}

// The strongest frequency within ±10% of `around`, from a finely zero-padded spectrum of x[begin, end).
double peakNear(const std::vector<float>& x, double around, size_t begin, size_t end, double sampleRate) {
  std::vector<float> part(x.begin() + static_cast<long>(begin), x.begin() + static_cast<long>(end));
  const size_t fftSize = 1 << 21;
  std::vector<double> spectrum = test::magnitudeSpectrum(part, fftSize);
  size_t best = 0;
  for (size_t k = 1; k + 1 < spectrum.size(); ++k) {
    double f = test::binFrequency(k, spectrum.size(), sampleRate);
    if (f > 0.9 * around && f < 1.1 * around && (best == 0 || spectrum[k] > spectrum[best])) best = k;
  }
  return test::binFrequency(best, spectrum.size(), sampleRate);
}

TEST(Waveguide, PitchIsFreq) {
  for (float sampleRate : {44100.0f, 96000.0f})
    for (float freq : {55.0f, 100.0f, 261.6f, 441.0f, 1000.0f, 2500.0f}) {
      const int count = static_cast<int>(sampleRate);
      std::vector<float> y = pluck(freq, 5.0f, count, 20.0f, sampleRate);
      double measured = peakNear(y, freq, count / 10, static_cast<size_t>(count), sampleRate);
      EXPECT_NEAR(measured, freq, 0.002 * freq) << freq << " Hz at " << sampleRate;  // 1% is the brief's bound
    }
}

TEST(Waveguide, FirstEchoAfterOnePeriod) {
  // The impulse goes round the loop once before it comes out: nothing before a period (441 samples at 100 Hz).
  std::vector<float> y = pluck(100.0f, 1.0f, 1000);
  for (int i = 0; i < 438; ++i) ASSERT_NEAR(y[i], 0.0f, 1e-6) << i;
  EXPECT_GT(std::abs(*std::max_element(y.begin() + 438, y.begin() + 445,
                                       [](float a, float b) { return std::abs(a) < std::abs(b); })),
            0.2f);
}

TEST(Waveguide, DecaysFortyDecibelsInDur) {
  // The fundamental's level, measured over 100 ms windows, falls 40 dB per `dur` seconds (pyo's definition).
  for (auto [freq, dur] : {std::pair{100.0f, 1.0f}, {441.0f, 2.0f}, {1000.0f, 0.5f}, {220.0f, 3.0f}}) {
    const int count = static_cast<int>(44100 * (dur + 0.3f));
    std::vector<float> y = pluck(freq, dur, count);
    const int window = 4410;
    const int firstStart = 4410, lastStart = count - window - 1;
    double first = std::abs(toneAt(y, freq, firstStart, firstStart + window));
    double last = std::abs(toneAt(y, freq, lastStart, lastStart + window));
    double ratePerSecond = decibels(last / first) / ((lastStart - firstStart) / 44100.0);
    EXPECT_NEAR(ratePerSecond, -40.0 / dur, 0.05 * 40.0 / dur) << freq << " Hz, dur " << dur;
  }
}

TEST(Waveguide, ConstantInputLeavesNoOffset) {
  // A constant input builds up a large offset in the loop (and rings like a pluck); the DC blocker removes the
  // offset from the output once the loop's offset settles (time constant 2.2 s for dur 10; while it rises, the
  // blocker passes its slope times 32 ms).
  const int count = 44100 * 15;
  std::vector<float> y =
      render("Waveguide", {Input::value(0.5f), Input::value(100.0f), Input::value(10.0f), Input::value(20.0f)}, count);
  for (float v : y) ASSERT_TRUE(std::isfinite(v));
  // The loop holds an offset of 0.5 / (1 - g) ≈ 100; the output's mean over the last 10 periods is near 0.
  double mean = 0.0;
  for (int i = count - 4410; i < count; ++i) mean += y[i];
  EXPECT_LT(std::abs(mean / 4410), 0.01);
}

std::vector<float> reverb(const std::vector<float>& x, float feedback, float cutoff, float bal, uint32_t seed = 1) {
  return render("WGVerb", {Input::signal(x), Input::value(feedback), Input::value(cutoff), Input::value(bal)},
                static_cast<int>(x.size()), {.seed = seed});
}

TEST(WGVerb, BalanceZeroIsDryAndOneIsWet) {
  std::vector<float> x = uniformNoise(20000, 5);
  EXPECT_EQ(reverb(x, 0.7f, 5000.0f, 0.0f), x);
  std::vector<float> wet = reverb(impulse(3000), 0.7f, 5000.0f, 1.0f);
  // No dry impulse; the first echo from the shortest line (1949 samples, ±1 ms of modulation).
  for (int i = 0; i < 1949 - 45; ++i) ASSERT_EQ(wet[i], 0.0f) << i;
  EXPECT_GT(rms(wet, 1900, 3000), 1e-3);
  // bal 0.5 mixes linearly, as pyo 1.0.4: the dry impulse at 0.5.
  EXPECT_EQ(reverb(impulse(10), 0.7f, 5000.0f, 0.5f)[0], 0.5f);
}

// Seconds until the 50 ms RMS falls 60 dB below its loudest.
double decayTime(const std::vector<float>& y) {
  const int window = 2205;
  double loudest = 0.0;
  for (size_t start = 0; start + window <= y.size(); start += window)
    loudest = std::max(loudest, rms(y, start, start + window));
  size_t lastAbove = 0;
  for (size_t start = 0; start + window <= y.size(); start += window)
    if (rms(y, start, start + window) > loudest * 1e-3) lastAbove = start + window;
  return static_cast<double>(lastAbove) / 44100.0;
}

TEST(WGVerb, DecaysWithFeedbackLikePyo) {
  // pyo 1.0.4 (measured, cutoff 5000 Hz): about 0.8 s to -60 dB at feedback 0.5, 1.3 s at 0.7, 4 s at 0.9.
  const int count = 44100 * 8;
  double previous = 0.0;
  for (auto [feedback, pyoSeconds] : {std::pair{0.5, 0.8}, {0.7, 1.3}, {0.9, 4.0}}) {
    std::vector<float> y = reverb(impulse(count), static_cast<float>(feedback), 5000.0f, 1.0f);
    for (float v : y) ASSERT_TRUE(std::isfinite(v));
    double seconds = decayTime(y);
    EXPECT_GT(seconds, 0.6 * pyoSeconds) << feedback;
    EXPECT_LT(seconds, 1.5 * pyoSeconds) << feedback;
    EXPECT_GT(seconds, previous) << feedback;
    previous = seconds;
  }
}

TEST(WGVerb, FeedbackOneSustainsAndStaysBounded) {
  const int count = 44100 * 10;
  std::vector<float> y = reverb(impulse(count), 1.0f, 20000.0f, 1.0f);
  double early = rms(y, 44100, 88200), late = rms(y, count - 44100, count);
  EXPECT_GT(late, 0.1 * early);  // only the lowpasses and the interpolation lose energy
  EXPECT_LE(late, 1.01 * early);
}

TEST(WGVerb, CutoffDarkens) {
  const int count = 44100;
  std::vector<float> x = uniformNoise(count, 3);
  std::vector<float> bright = reverb(x, 0.8f, 15000.0f, 1.0f), dark = reverb(x, 0.8f, 1000.0f, 1.0f);
  EXPECT_LT(test::bandEnergy(dark, 44100.0, 4000.0, 22050.0), 0.5 * test::bandEnergy(bright, 44100.0, 4000.0, 22050.0));
}

TEST(WGVerb, SeedMovesTheDelays) {
  std::vector<float> x = impulse(44100);
  std::vector<float> a = reverb(x, 0.8f, 5000.0f, 1.0f, 1), b = reverb(x, 0.8f, 5000.0f, 1.0f, 2);
  EXPECT_NE(a, b);
  EXPECT_NEAR(rms(a, 0, 44100), rms(b, 0, 44100), 0.2 * rms(a, 0, 44100));  // the same room
}

}  // namespace
}  // namespace patchc::stdlibtest
