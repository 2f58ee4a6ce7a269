// Blit(freq, harms) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV, divided by the
// recorder's gain (0.99999923, what Sig(1) records); tones by a Hann-windowed DFT over samples 2000..10000:
//   Blit(441, 40): peaks of 1 at every 100th sample (400, 500, ...); harmonics 1, 2, 7, 40 at 0.0246914 each
//     (2/81), harmonic 41 absent (6e-8); sample 1050 (mid-period) 0.0123457 (1/81).
//   Blit(300, 5): harmonics 1, 2, 5 at 0.181806 (2/11), harmonic 6 absent (1e-5); its frequency 300.000 Hz
//     (the DFT's peak over 2000..20000).
//   Blit(1000, 3.7): harmonics 1 and 3 at 0.285714 (2/7), 4 absent: harms is truncated.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> blit(float freq, float harms, int count) {
  return render("Blit", {Input::value(freq), Input::value(harms)}, count);
}

TEST(Blit, PeaksEveryPeriodAsPyos) {
  std::vector<float> y = blit(441.0f, 40.0f, 2000);
  for (int i = 0; i < 2000; ++i) {
    if (i % 100 == 0) ASSERT_NEAR(y[i], 1.0f, 1e-5) << i;
    else ASSERT_LT(y[i], 0.99f) << i;
  }
  EXPECT_NEAR(y[1050], 1.0 / 81.0, 1e-4);
}

TEST(Blit, HarmonicsAsPyos) {
  const int count = 20000;
  std::vector<float> y = blit(441.0f, 40.0f, count);
  for (int k : {1, 2, 7, 40}) EXPECT_NEAR(std::abs(toneAt(y, 441.0 * k, 2000, 10000)), 0.0246914, 0.0246914 * 0.01) << k;
  EXPECT_LT(std::abs(toneAt(y, 441.0 * 41, 2000, 10000)), 1e-4);
  y = blit(300.0f, 5.0f, count);
  for (int k : {1, 2, 5}) EXPECT_NEAR(std::abs(toneAt(y, 300.0 * k, 2000, 10000)), 0.181806, 0.181806 * 0.01) << k;
  EXPECT_LT(std::abs(toneAt(y, 1800.0, 2000, 10000)), 1e-3);
  y = blit(1000.0f, 3.7f, count);
  for (int k : {1, 3}) EXPECT_NEAR(std::abs(toneAt(y, 1000.0 * k, 2000, 10000)), 0.285714, 0.285714 * 0.01) << k;
  EXPECT_LT(std::abs(toneAt(y, 4000.0, 2000, 10000)), 1e-3);
}

TEST(Blit, FrequencyAsPyos) {
  // The DFT's peak near 300 Hz: within 0.1 % of pyo's 300.000 Hz (a 0.3 Hz mistuning loses the peak's top).
  std::vector<float> y = blit(300.0f, 5.0f, 20000);
  double best = 0.0, bestFreq = 0.0;
  for (double f = 299.0; f <= 301.0; f += 0.05) {
    double a = std::abs(toneAt(y, f, 2000, 20000));
    if (a > best) best = a, bestFreq = f;
  }
  EXPECT_NEAR(bestFreq, 300.0, 0.3);
}

TEST(Blit, NegativeFrequencyHoldsOneAsPyo) {
  std::vector<float> y = blit(-100.0f, 10.0f, 300);
  for (float v : y) ASSERT_EQ(v, 1.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
