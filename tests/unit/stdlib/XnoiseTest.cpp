// Xnoise(dist, freq, x1, x2) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV, 3 s: each
// distribution drawn every sample (freq=44100), divided by a Sig(1) recorded beside it (pyo's fade-in), samples
// 1000 on (131 300 draws):
//   dist x1  x2   mean    sd      P(0)    P(1)    min     max
//   0    .5  .5   0.4990  0.2883  0       0       0       1
//   1    .5  .5   0.3347  0.2366
//   2    .5  .5   0.6661  0.2358
//   3    .5  .5   0.4999  0.2041
//   4    5   .5   0.1980  0.1924  0       0.0069
//   5    5   .5   0.8013  0.1927  0.0068  0
//   6    5   .5   0.5004  0.1384  0.0032  0.0035
//   7    .5  .5   0.5004  0.1869  0       0       0.1107  0.8893
//   8    .5  1.5  0.4393  0.2727  0       0.0587
//   9    .5  .5   0.5000  0.1165                  0.0703  0.9229
//   10   3   1    0.2621  0.1338  values k/12, k = 1..9 in proportion 20846 30668 31120 23423 13925 7055 2917
//                                 1124 274 (⌊1000·P(k; 3)⌋ = 149 224 224 168 100 50 21 8 2)
//   11   .8  .1   0.3969  0.2477  0.0490  within [0, 0.8], mean |step| 0.04555, largest 0.0990
//   12   .8  .1   0.3965  0.2453  0.0470  within [0, 0.8]
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr int kCount = 44100 * 3;

std::vector<float> xnoise(float dist, float x1, float x2, uint32_t seed = 3) {
  return render("Xnoise", {Input::value(dist), Input::value(44100.0f), Input::value(x1), Input::value(x2)}, kCount,
                {.seed = seed});
}

struct Statistics {
  double mean = 0, sd = 0, atZero = 0, atOne = 0, min = 1e9, max = -1e9;
};

Statistics statistics(const std::vector<float>& v) {
  Statistics s;
  for (float x : v) {
    s.mean += x;
    s.atZero += x == 0.0f;
    s.atOne += x == 1.0f;
    s.min = std::min<double>(s.min, x);
    s.max = std::max<double>(s.max, x);
  }
  s.mean /= v.size();
  for (float x : v) s.sd += (x - s.mean) * (x - s.mean);
  s.sd = std::sqrt(s.sd / v.size());
  s.atZero /= v.size();
  s.atOne /= v.size();
  return s;
}

TEST(Xnoise, DistributionsAsPyos) {
  struct Pyo {
    float dist, x1, x2;
    double mean, sd, atZero, atOne;
  };
  const Pyo kPyo[] = {
      {0, .5f, .5f, 0.4990, 0.2883, 0, 0},       {1, .5f, .5f, 0.3347, 0.2366, 0, 0},
      {2, .5f, .5f, 0.6661, 0.2358, 0, 0},       {3, .5f, .5f, 0.4999, 0.2041, 0, 0},
      {4, 5, .5f, 0.1980, 0.1924, 0, 0.0069},    {5, 5, .5f, 0.8013, 0.1927, 0.0068, 0},
      {6, 5, .5f, 0.5004, 0.1384, 0.0032, 0.0035}, {7, .5f, .5f, 0.5004, 0.1869, 0, 0},
      {8, .5f, 1.5f, 0.4393, 0.2727, 0, 0.0587}, {9, .5f, .5f, 0.5000, 0.1165, 0, 0},
      {10, 3, 1, 0.2621, 0.1338, 0, 0},
  };
  for (const Pyo& p : kPyo) {
    Statistics s = statistics(xnoise(p.dist, p.x1, p.x2));
    // 132 300 draws: the sampling error of a mean or an sd is about 0.001.
    EXPECT_NEAR(s.mean, p.mean, 0.004) << "dist " << p.dist;
    EXPECT_NEAR(s.sd, p.sd, 0.004) << "dist " << p.dist;
    EXPECT_NEAR(s.atZero, p.atZero, 0.0015) << "dist " << p.dist;
    EXPECT_NEAR(s.atOne, p.atOne, 0.0025) << "dist " << p.dist;
    EXPECT_GE(s.min, 0.0);
    EXPECT_LE(s.max, 1.0);
  }
  Statistics cauchy = statistics(xnoise(7, .5f, .5f));
  EXPECT_NEAR(cauchy.min, 0.1107, 0.001);
  EXPECT_NEAR(cauchy.max, 0.8893, 0.001);
}

TEST(Xnoise, PoissonValuesInPyosProportions) {
  std::map<int, int> counts;
  for (float v : xnoise(10, 3, 1)) ++counts[static_cast<int>(std::lround(v * 12.0f))];
  const double kPyo[] = {149, 224, 224, 168, 100, 50, 21, 8, 2};
  ASSERT_EQ(counts.size(), 9u);
  for (int k = 1; k <= 9; ++k)
    EXPECT_NEAR(counts[k] / double(kCount), kPyo[k - 1] / 946.0, 0.004) << "k = " << k;
}

TEST(Xnoise, WalksAsPyos) {
  for (float dist : {11.0f, 12.0f}) {
    std::vector<float> v = xnoise(dist, 0.8f, 0.1f);
    Statistics s = statistics(v);
    EXPECT_GE(s.min, 0.0);
    EXPECT_LE(s.max, 0.8f);
    // A walk: its mean wanders; pyo's 3 s gave 0.397 for both.
    EXPECT_NEAR(s.mean, 0.397, 0.1) << dist;
    double steps = 0, largest = 0;
    for (size_t i = 1; i < v.size(); ++i) {
      steps += std::abs(v[i] - v[i - 1]);
      largest = std::max<double>(largest, std::abs(v[i] - v[i - 1]));
    }
    // loopseg jumps back to its segment's start when it replays it; walker's steps are below 0.1.
    if (dist == 11.0f) {
      EXPECT_NEAR(steps / (v.size() - 1), 0.04555, 0.002);
      EXPECT_LE(largest, 0.0991);
    }
  }
}

TEST(Xnoise, LoopsegRepeatsSegments) {
  // loopseg replays each recorded segment (3 to 12 steps) 1 to 4 times: many draws repeat the value a segment
  // earlier, which a plain walk almost never does.
  std::vector<float> v = render("Xnoise", {Input::value(12), Input::value(44100.0f), Input::value(1), Input::value(0.5f)}, 20000);
  int repeats = 0;
  for (size_t i = 12; i < v.size(); ++i)
    for (int len = 3; len <= 12; ++len)
      if (v[i] == v[i - len] && v[i - 1] == v[i - 1 - len]) {
        ++repeats;
        break;
      }
  EXPECT_GT(repeats, 5000);
}

TEST(Xnoise, DrawsAtFreqAndHolds) {
  // As Randh (pyo's clock, which starts at 1 and keeps its excess): the first sample draws, the next draw comes
  // a sample early, then every sr/freq samples (64: a step of exactly 1/64): samples 0, 63, 127, ...
  std::vector<float> v = render("Xnoise", {Input::value(0), Input::value(689.0625f), Input::value(.5f), Input::value(.5f)}, 1000);
  for (int i = 1; i < 1000; ++i)
    if (i % 64 != 63) ASSERT_EQ(v[i], v[i - 1]) << i;
    else ASSERT_NE(v[i], v[i - 1]) << i;
}

}  // namespace
}  // namespace patchc::stdlibtest
