// CrossFM(carrier, ratio, ind1, ind2) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV, divided by the
// recorder's gain (0.99999923); levels by a Hann-windowed DFT over samples 2000..12000:
//   CrossFM(1000, 0.25, ind1=0, ind2=2) (the carrier does not modulate back: FM plus the modulator, halved):
//     0.4407 at 250 Hz, 0.2884 at 750, 0.11193 at 1000, 0.28836 at 1250, 0.17642 at 1500, 0.06448 at 1750.
//   CrossFM(1000, 0.5, ind1=1, ind2=1.5): 0.17364 at 500 Hz, 0.00508 at 1000; samples 300..302 are −0.4720792,
//     −0.4535645, −0.4263957.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> crossfm(float carrier, float ratio, float ind1, float ind2, int count) {
  return render("CrossFM", {Input::value(carrier), Input::value(ratio), Input::value(ind1), Input::value(ind2)}, count);
}

TEST(CrossFM, OneWayModulationAtPyosLevels) {
  std::vector<float> y = crossfm(1000.0f, 0.25f, 0.0f, 2.0f, 12000);
  const std::pair<double, double> kPyo[] = {{250.0, 0.4407},   {750.0, 0.2884},   {1000.0, 0.11193},
                                            {1250.0, 0.28836}, {1500.0, 0.17642}, {1750.0, 0.06448}};
  for (auto [freq, level] : kPyo)
    EXPECT_NEAR(std::abs(toneAt(y, freq, 2000, 12000)), level, 0.01 * level) << freq << " Hz";
}

TEST(CrossFM, CrossModulationAsPyos) {
  std::vector<float> y = crossfm(1000.0f, 0.5f, 1.0f, 1.5f, 12000);
  EXPECT_NEAR(std::abs(toneAt(y, 500.0, 2000, 12000)), 0.17364, 0.01 * 0.17364);
  EXPECT_NEAR(std::abs(toneAt(y, 1000.0, 2000, 12000)), 0.00508, 0.0005);
  // pyo's sample order: the same samples within its table's interpolation error.
  EXPECT_NEAR(y[300], -0.4720792, 1e-3);
  EXPECT_NEAR(y[301], -0.4535645, 1e-3);
  EXPECT_NEAR(y[302], -0.4263957, 1e-3);
}

TEST(CrossFM, NoIndexIsTheMeanOfTwoSines) {
  std::vector<float> y = crossfm(440.0f, 0.5f, 0.0f, 0.0f, 44100);
  EXPECT_NEAR(std::abs(toneAt(y, 440.0, 0, y.size())), 0.5, 1e-3);
  EXPECT_NEAR(std::abs(toneAt(y, 220.0, 0, y.size())), 0.5, 1e-3);
}

}  // namespace
}  // namespace patchc::stdlibtest
