// SumOsc against pyo 1.0.4's measured sound.
//
// Measured with pyo 1.0.4, offline server at 44100 Hz, 32-bit float WAV: SumOsc(freq=100, ratio=0.5,
// index=0.5).out(), 0.5 s; partials at h·50 Hz by a Hann-windowed DFT over samples [4410, 13230) (normalized as
// toneAt); samples 300, 350, 400, 430 (after pyo's ~220-sample output fade-in); peak 1.29085, trough −1.03798.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> sumosc(float freq, float ratio, float index, int count) {
  return render("SumOsc", {Input::value(freq), Input::value(ratio), Input::value(index)}, count);
}

TEST(SumOsc, MatchesPyosPartialsAndWaveform) {
  // Partials at 100 + k·50 Hz with amplitudes falling as 0.5^k (then the gain 1 − 0.25); 50 Hz: none.
  const double pyo[] = {0.000006, 0.709249, 0.365992, 0.185116, 0.093060, 0.046668, 0.023375, 0.011701};
  std::vector<float> y = sumosc(100.0f, 0.5f, 0.5f, 13230);
  for (int h = 1; h <= 8; ++h) {
    double level = std::abs(toneAt(y, 50.0 * h, 4410, 13230));
    EXPECT_NEAR(level, pyo[h - 1], std::max(0.01 * pyo[h - 1], 2e-4)) << h * 50 << " Hz";
  }
  const float samples[] = {-0.609908f, -0.388296f, -0.099074f, 0.074186f};
  const int at[] = {300, 350, 400, 430};
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(y[at[k]], samples[k], 3e-3) << at[k];
  auto [low, high] = std::minmax_element(y.begin() + 300, y.end());
  EXPECT_NEAR(*high, 1.29085f, 0.01f);
  EXPECT_NEAR(*low, -1.03798f, 0.01f);
}

TEST(SumOsc, StaysWithinItsDeclaredRange) {
  // The declared bound 2(1 + a) for a constant index, the worst index and a ratio that piles partials on DC.
  for (float index : {0.0f, 0.5f, 0.999f, 2.0f})
    for (float ratio : {0.5f, 1.0f, 0.001f}) {
      const float a = std::min(index, 0.999f);
      for (float v : sumosc(100.0f, ratio, index, 20000)) ASSERT_LE(std::fabs(v), 2.0f * (1.0f + a)) << index;
    }
}

TEST(SumOsc, IndexZeroIsASine) {
  std::vector<float> y = sumosc(441.0f, 0.5f, 0.0f, 44100);
  EXPECT_NEAR(std::abs(toneAt(y, 441.0, 4410, 44100)), 1.0, 0.01);  // through the DC blocker: gain ≈ 1 at 441 Hz
}

}  // namespace
}  // namespace patchc::stdlibtest
