#include "tests/support/Analysis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

namespace patchc::test {
namespace {

constexpr double kRate = 48000.0;

std::vector<float> sine(double freq, double amplitude, size_t frames, double phase = 0.0, double rate = kRate) {
  std::vector<float> x(frames);
  for (size_t n = 0; n < frames; ++n)
    x[n] = float(amplitude * std::sin(2.0 * std::numbers::pi * freq * double(n) / rate + phase));
  return x;
}

std::vector<float> whiteNoise(size_t frames, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> uniform(-0.5f, 0.5f);
  std::vector<float> x(frames);
  for (float& v : x) v = uniform(generator);
  return x;
}

// RBJ cookbook notch (Robert Bristow-Johnson, "Cookbook formulae for audio EQ biquad filter coefficients").
std::vector<float> notchFilter(const std::vector<float>& x, double freq, double q) {
  const double w0 = 2.0 * std::numbers::pi * freq / kRate, alpha = std::sin(w0) / (2.0 * q);
  const double a0 = 1.0 + alpha;
  const double b0 = 1.0 / a0, b1 = -2.0 * std::cos(w0) / a0, b2 = 1.0 / a0;
  const double a1 = -2.0 * std::cos(w0) / a0, a2 = (1.0 - alpha) / a0;
  std::vector<float> y(x.size());
  double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (size_t n = 0; n < x.size(); ++n) {
    const double out = b0 * x[n] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1, x1 = x[n], y2 = y1, y1 = out;
    y[n] = float(out);
  }
  return y;
}

TEST(PeakFrequency, Finds440HzInOneSecondWithin0p05Hz) {
  EXPECT_NEAR(peakFrequency(sine(440.0, 0.5, 48000), kRate), 440.0, 0.05);
}

TEST(PeakFrequency, IsAccurateBetweenBinsAndAtOtherRates) {
  for (double freq : {55.3, 440.0, 1000.7, 12345.6}) {
    EXPECT_NEAR(peakFrequency(sine(freq, 0.3, 48000, 0.7), kRate), freq, 0.05) << freq;
    EXPECT_NEAR(peakFrequency(sine(freq, 0.3, 44100, 0.2, 44100.0), 44100.0), freq, 0.05) << freq;
  }
  // A short signal still lands within a small fraction of its resolution (sr / n = 46.9 Hz).
  EXPECT_NEAR(peakFrequency(sine(1000.0, 1.0, 1024), kRate), 1000.0, 1.0);
}

TEST(PeakFrequency, IgnoresDcAndPicksTheLouderSinusoid) {
  std::vector<float> x = sine(440.0, 0.2, 48000);
  const std::vector<float> louder = sine(3000.0, 0.5, 48000);
  for (size_t n = 0; n < x.size(); ++n) x[n] += louder[n] + 0.8f;
  EXPECT_NEAR(peakFrequency(x, kRate), 3000.0, 0.05);
  EXPECT_EQ(peakFrequency(std::vector<float>(1000, 0.25f), kRate), 0.0);
  EXPECT_EQ(peakFrequency({}, kRate), 0.0);
}

TEST(AmplitudeAt, MeasuresASinusoidOfAnyPhase) {
  for (double phase : {0.0, 0.3, 1.7, 3.0})
    EXPECT_NEAR(amplitudeAt(sine(440.0, 0.7, 48000, phase), kRate, 440.0), 0.7, 1e-5) << phase;
  // A non-integer number of cycles in a short signal.
  EXPECT_NEAR(amplitudeAt(sine(1234.5, 0.25, 1000), kRate, 1234.5), 0.25, 1e-5);
}

TEST(AmplitudeAt, SeparatesComponentsAndIgnoresDc) {
  std::vector<float> x = sine(440.0, 0.5, 48000);
  const std::vector<float> other = sine(880.0, 0.25, 48000, 1.0);
  for (size_t n = 0; n < x.size(); ++n) x[n] += other[n] + 0.3f;
  EXPECT_NEAR(amplitudeAt(x, kRate, 440.0), 0.5, 5e-4);
  EXPECT_NEAR(amplitudeAt(x, kRate, 880.0), 0.25, 5e-4);
  EXPECT_LT(amplitudeAt(x, kRate, 2000.0), 1e-3);
}

TEST(Rms, OfASineIsAmplitudeOverRootTwo) {
  EXPECT_NEAR(rms(sine(1000.0, 1.0, 48000)), 1.0 / std::sqrt(2.0), 1e-6);
  const std::vector<float> steps = {1, 1, 3, 3};
  EXPECT_DOUBLE_EQ(rms(steps, 2), 3.0);
  EXPECT_DOUBLE_EQ(rms(steps, 0, 2), 1.0);
  EXPECT_EQ(rms(steps, 3, 3), 0.0);
  EXPECT_EQ(rms({}), 0.0);
}

TEST(PeakAbs, FindsTheLargestMagnitudeInRange) {
  const std::vector<float> x = {0.1f, -0.9f, 0.5f, 0.2f};
  EXPECT_FLOAT_EQ(float(peakAbs(x)), 0.9f);
  EXPECT_FLOAT_EQ(float(peakAbs(x, 2)), 0.5f);
  EXPECT_FLOAT_EQ(float(peakAbs(x, 2, 100)), 0.5f);
  EXPECT_EQ(peakAbs(x, 4), 0.0);
}

TEST(Changes, ListsTheIndicesWhereTheValueMoves) {
  EXPECT_EQ(changes({1, 1, 2, 2, 2, 0, 1}), (std::vector<size_t>{2, 5, 6}));
  EXPECT_TRUE(changes({3, 3, 3}).empty());
  EXPECT_TRUE(changes({}).empty());
}

TEST(LargestDifference, IsTheLargestSampleDifferenceOrInfinityForUnequalLengths) {
  EXPECT_EQ(largestDifference({0, 1, 2}, {0, 1, 2}), 0.0);
  EXPECT_NEAR(largestDifference({0, 1, 2}, {0.5f, 1, 1.75f}), 0.5, 1e-12);
  EXPECT_EQ(largestDifference({0, 1}, {0, 1, 2}), std::numeric_limits<double>::infinity());
}

TEST(ToDb, ConvertsAmplitudeRatios) {
  EXPECT_DOUBLE_EQ(toDb(1.0), 0.0);
  EXPECT_NEAR(toDb(0.5), -6.0206, 1e-4);
  EXPECT_DOUBLE_EQ(toDb(10.0), 20.0);
  EXPECT_EQ(toDb(0.0), -std::numeric_limits<double>::infinity());
}

TEST(MagnitudeSpectrum, ReadsTheAmplitudeOfABinCenteredSine) {
  // 4096 samples, bin width 48000/4096 Hz: bin 100 is exactly 1171.875 Hz.
  const std::vector<double> spectrum = magnitudeSpectrum(sine(1171.875, 0.6, 4096));
  ASSERT_EQ(spectrum.size(), 2049u);
  EXPECT_DOUBLE_EQ(binFrequency(100, spectrum.size(), kRate), 1171.875);
  const size_t peak = size_t(std::max_element(spectrum.begin(), spectrum.end()) - spectrum.begin());
  EXPECT_EQ(peak, 100u);
  EXPECT_NEAR(spectrum[100], 0.6, 0.001);
  EXPECT_LT(spectrum[300], 1e-4);
  // A longer FFT pads with zeros: same peak frequency, twice the bins.
  const std::vector<double> padded = magnitudeSpectrum(sine(1171.875, 0.6, 4096), 8192);
  EXPECT_EQ(padded.size(), 4097u);
  EXPECT_NEAR(padded[200], 0.6, 0.001);
}

TEST(BandEnergy, IsTheFractionOfEnergyInTheBand) {
  std::vector<float> x = sine(500.0, 1.0, 48000);
  const std::vector<float> high = sine(5000.0, 1.0, 48000);
  for (size_t n = 0; n < x.size(); ++n) x[n] += high[n];
  EXPECT_NEAR(bandEnergy(x, kRate, 0.0, 1000.0), 0.5, 0.001);
  EXPECT_NEAR(bandEnergy(x, kRate, 4000.0, 6000.0), 0.5, 0.001);
  EXPECT_NEAR(bandEnergy(x, kRate, 0.0, kRate / 2), 1.0, 1e-9);
  EXPECT_LT(bandEnergy(x, kRate, 1000.0, 4000.0), 0.001);
  EXPECT_EQ(bandEnergy(std::vector<float>(100, 0.0f), kRate, 0.0, 1000.0), 0.0);
  // White noise spreads evenly: a quarter of the band holds about a quarter of the energy.
  EXPECT_NEAR(bandEnergy(whiteNoise(48000, 1), kRate, 0.0, 6000.0), 0.25, 0.02);
}

TEST(SpectralNotches, FindsTheNotchOfANotchFilter) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const std::vector<float> filtered = notchFilter(whiteNoise(96000, seed), 2000.0, 2.0);
    const std::vector<double> notches = spectralNotches(filtered, kRate, 200.0, 20000.0);
    ASSERT_EQ(notches.size(), 1u) << "seed " << seed;
    EXPECT_NEAR(notches[0], 2000.0, 30.0);
  }
}

TEST(SpectralNotches, FindsTwoNotchesAndNoneInPlainNoise) {
  const std::vector<float> twice = notchFilter(notchFilter(whiteNoise(96000, 4), 1000.0, 2.0), 6000.0, 2.0);
  const std::vector<double> notches = spectralNotches(twice, kRate, 100.0, 20000.0);
  ASSERT_EQ(notches.size(), 2u);
  EXPECT_NEAR(notches[0], 1000.0, 30.0);
  EXPECT_NEAR(notches[1], 6000.0, 30.0);
  // Outside [lo, hi] a notch is not reported.
  EXPECT_EQ(spectralNotches(twice, kRate, 2000.0, 20000.0).size(), 1u);
  for (unsigned seed : {5u, 6u, 7u})
    EXPECT_TRUE(spectralNotches(whiteNoise(96000, seed), kRate, 100.0, 20000.0).empty()) << seed;
}

}  // namespace
}  // namespace patchc::test
