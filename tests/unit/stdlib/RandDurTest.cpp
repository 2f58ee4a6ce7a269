// RandDur(min, max) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV, RandDur(0.001,
// 0.005) and Sig(1) recorded together, the first divided by the second (pyo's fade-in): the first sample holds a
// drawn value; with d_j the j-th value and a clock t that steps 1/(d_j·sr) a sample and draws when it reaches 1
// (keeping the excess), the draws fall exactly on the samples that recurrence gives, for the 100+ draws of the
// first 7000 samples, when the first value lasts one sample less (⌈d_0·sr⌉ − 1 samples). Over 3 s the values
// were within [0.001008, 0.004976], mean 0.00296.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

TEST(RandDur, DrawsWhenItsDurationHasPassedAsPyos) {
  const int count = 44100;
  std::vector<float> y = render("RandDur", {Input::value(0.001f), Input::value(0.005f)}, count, {.seed = 4});
  std::vector<int> draws{0};
  for (int i = 1; i < count; ++i)
    if (y[i] != y[i - 1]) draws.push_back(i);
  ASSERT_GT(draws.size(), 200u);
  // pyo's recurrence, from the drawn values.
  std::vector<int> expected;
  double time = 1.0, increment = 0.0;
  for (int i = 0; i < count; ++i) {
    time += increment;
    if (time >= 1.0) {
      time -= 1.0;
      increment = 1.0 / (static_cast<double>(y[i]) * kSampleRate);
      if (i == 0) time = increment;
      expected.push_back(i);
    }
  }
  EXPECT_EQ(draws, expected);
  EXPECT_EQ(draws[1], static_cast<int>(std::ceil(y[0] * kSampleRate)) - 1);
}

TEST(RandDur, ValuesUniformBetweenMinAndMax) {
  const int count = 44100 * 10;
  std::vector<float> y = render("RandDur", {Input::value(0.001f), Input::value(0.005f)}, count, {.seed = 8});
  double sum = 0.0;
  int n = 0;
  for (int i = 0; i < count; ++i) {
    ASSERT_GE(y[i], 0.001f);
    ASSERT_LE(y[i], 0.005f);
    if (i == 0 || y[i] != y[i - 1]) sum += y[i], ++n;
  }
  EXPECT_NEAR(sum / n, 0.003, 0.0001);
}

TEST(RandDur, NegativeMinCountsAsZeroAndMaxBelowMinAsMin) {
  std::vector<float> y = render("RandDur", {Input::value(0.01f), Input::value(0.001f)}, 2000);
  for (float v : y) ASSERT_EQ(v, 0.01f);
  y = render("RandDur", {Input::value(-1.0f), Input::value(0.001f)}, 2000);
  for (float v : y) ASSERT_TRUE(v >= 0.0f && v <= 0.001f) << v;
}

}  // namespace
}  // namespace patchc::stdlibtest
