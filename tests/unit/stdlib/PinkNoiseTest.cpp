// PinkNoise() against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV, 20 s, skipping
// the first second: PinkNoise() has RMS 0.3511 and peaks 1.61; through ButBP(freq, q=2) its RMS is 0.0937,
// 0.0943, 0.0941, 0.0924 at 100, 400, 1600, 6400 Hz: equal power in constant-Q bands, the −3 dB per octave of
// pink noise.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr int kSeconds = 20;

TEST(PinkNoise, LevelAsPyos) {
  const int count = 44100 * kSeconds;
  std::vector<float> y = render("PinkNoise", {}, count, {.seed = 5});
  // Noise: the RMS of 19 s of pink noise varies by about 1 % between seeds (its lowest pole is near 8 Hz).
  EXPECT_NEAR(rms(y, 44100, count), 0.3511, 0.3511 * 0.02);
  for (float v : y) ASSERT_LT(std::abs(v), 2.5f);
}

TEST(PinkNoise, EqualPowerInConstantQBandsAsPyos) {
  const int count = 44100 * kSeconds;
  std::vector<float> y = render("PinkNoise", {}, count, {.seed = 9});
  const double kPyo[] = {0.0937, 0.0943, 0.0941, 0.0924};
  const double freqs[] = {100.0, 400.0, 1600.0, 6400.0};
  for (int k = 0; k < 4; ++k) {
    std::vector<float> band = render("ButBP", {Input::signal(y), Input::value(freqs[k]), Input::value(2.0f)}, count);
    // Within 0.5 dB of pyo's level in each band.
    EXPECT_NEAR(decibels(rms(band, 44100, count) / kPyo[k]), 0.0, 0.5) << freqs[k] << " Hz";
  }
}

TEST(PinkNoise, SeedsDifferAndRepeat) {
  EXPECT_EQ(render("PinkNoise", {}, 1000, {.seed = 1}), render("PinkNoise", {}, 1000, {.seed = 1}));
  EXPECT_NE(render("PinkNoise", {}, 1000, {.seed = 1}), render("PinkNoise", {}, 1000, {.seed = 2}));
}

}  // namespace
}  // namespace patchc::stdlibtest
