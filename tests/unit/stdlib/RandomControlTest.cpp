// Randh, Randi, RandInt and Choice against pyo 1.0.4's measured timing and statistics (their generator differs
// from pyo's, so samples are not compared).
//
// Measured with pyo 1.0.4, offline server at 44100 Hz, 32-bit float WAV, 0.5 to 1 s:
//   Randh/RandInt/Choice(..., freq=44100/512) change value on samples 511, 1023, 1535, ... (the first sample draws;
//   then the clock, 1/512 a sample, wraps every 512 samples); Randi(-1, 1, 44100/512) has its corners on samples
//   511, 1023, ...; at freq=100: Randh(-1, 1) spans −0.967 .. 0.970 over 100 draws, RandInt(10) draws 0 .. 9,
//   Choice([1, 5, 9]) only those three, each about a third of the time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "tests/support/Analysis.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr float kFreq = 44100.0f / 512.0f;  // a clock step of exactly 1/512

TEST(Randh, DrawsOnPyosSamplesWithinItsRange) {
  std::vector<float> y = render("Randh", {Input::value(-1.0f), Input::value(1.0f), Input::value(kFreq)}, 44100);
  std::vector<size_t> at = test::changes(y);
  ASSERT_GE(at.size(), 80u);
  for (size_t k = 0; k < at.size(); ++k) EXPECT_EQ(at[k], 511 + 512 * k) << k;
  // Uniform in [−1, 1): mean 0, variance 1/3 over many draws.
  std::vector<float> many = render("Randh", {Input::value(-1.0f), Input::value(1.0f), Input::value(22050.0f)}, 200000);
  double sum = 0.0, squares = 0.0;
  for (float v : many) {
    ASSERT_TRUE(v >= -1.0f && v < 1.0f);
    sum += v;
    squares += v * v;
  }
  EXPECT_NEAR(sum / many.size(), 0.0, 0.01);
  EXPECT_NEAR(squares / many.size(), 1.0 / 3.0, 0.01);
  // Seeded per lane: another seed, other values.
  RenderOptions other;
  other.seed = 7;
  EXPECT_NE(render("Randh", {Input::value(-1.0f), Input::value(1.0f), Input::value(kFreq)}, 10, other)[0], y[0]);
}

TEST(Randh, NegativeFrequencyNeverDrawsAndHoldsTheMiddle) {
  for (float v : render("Randh", {Input::value(2.0f), Input::value(4.0f), Input::value(-10.0f)}, 1000))
    ASSERT_EQ(v, 3.0f);
}

TEST(Randi, StraightLinesWithCornersOnPyosSamples) {
  std::vector<float> y = render("Randi", {Input::value(-1.0f), Input::value(1.0f), Input::value(kFreq)}, 44100);
  // Starts from the middle, (−1 + 1)/2, one step up the first line.
  EXPECT_NEAR(y[0], 0.0f, 0.01f);
  for (int corner = 511; corner + 512 < 44100; corner += 512) {
    const float slope = (y[corner + 512] - y[corner]) / 512.0f;
    for (int i = 1; i < 512; i += 37) ASSERT_NEAR(y[corner + i], y[corner] + slope * i, 1e-5) << corner + i;
  }
  for (float v : y) ASSERT_TRUE(v >= -1.0f && v <= 1.0f);
}

TEST(RandInt, WholeNumbersBelowMaxOnPyosSamples) {
  std::vector<float> y = render("RandInt", {Input::value(10.0f), Input::value(kFreq)}, 44100 * 4);
  std::map<float, int> counts;
  for (int i = 0; i < static_cast<int>(y.size()); i += 512) counts[y[i]]++;
  ASSERT_EQ(counts.size(), 10u);
  for (auto [value, count] : counts) {
    EXPECT_EQ(value, std::floor(value));
    EXPECT_GE(value, 0.0f);
    EXPECT_LE(value, 9.0f);
    EXPECT_NEAR(count, 345 / 10.0, 20) << value;
  }
  for (size_t at : test::changes(y)) ASSERT_EQ(at % 512, 511u) << at;
}

TEST(Choice, PicksOnlyFromItsListOnPyosSamples) {
  std::vector<float> y =
      render("Choice", {Input::array({1.0f, 5.0f, 9.0f}), Input::value(kFreq)}, 44100 * 4);
  std::map<float, int> counts;
  for (int i = 0; i < static_cast<int>(y.size()); i += 512) counts[y[i]]++;
  ASSERT_EQ(counts.size(), 3u);
  for (auto [value, count] : counts) {
    EXPECT_TRUE(value == 1.0f || value == 5.0f || value == 9.0f) << value;
    EXPECT_NEAR(count, 345 / 3.0, 30) << value;
  }
  for (size_t at : test::changes(y)) ASSERT_EQ(at % 512, 511u) << at;
  for (float v : render("Choice", {Input::array({}), Input::value(100.0f)}, 100)) ASSERT_EQ(v, 0.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
