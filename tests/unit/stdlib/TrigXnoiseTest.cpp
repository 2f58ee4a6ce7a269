// TrigXnoise: its distributions' means against pyo 1.0.4's, values only on triggers.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel), TrigXnoise(Metro(0.001).play(), dist, x1, x2) at
// its 10001 triggers in 10 s (mean, variance, min, max):
//   0 (x1 = x2 = 0.5): 0.4964 0.0833 0 0.9997;  1: 0.3358 0.0568;  2: 0.6704 0.0556;  3: 0.5043 0.0422
//   4: 0.7905 0.1016;  4 (x1 = 10): 0.1012 0.0101;  5 (x1 = 10): 0.8994 0.0102;  6 (x1 = 10): 0.4999 0.0051
//   7: 0.5017 0.0356 0.1107 0.8890;  8: 0.4155 0.1625;  8 (x2 = 2): 0.4430 0.0497;  9: 0.5017 0.0137
//   9 (x2 = 0.2): 0.5007 0.0022;  10: 0.0527 0.0005 0.0417 0.1667;  10 (x1 = 4, x2 = 1): 0.3412 0.0255
//   11: within 0 .. 0.5 (mean 0.2479);  11 (x1 = 1, x2 = 0.1): within 0 .. 1;  12: within 0 .. 0.5;
//   12 (x1 = 1, x2 = 0.1): within 0 .. 1.   Untriggered: 0.
// patchc's generator differs from pyo's: means are compared within 4 standard errors (pyo's variance).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

TEST(TrigXnoise, DistributionsAsPyos) {
  const int count = 10 * 44100;
  const std::vector<float> metro = metroTrain(0.001f, count);
  const std::vector<int> at = triggerSamples(metro);
  struct Pyo {
    float dist, x1, x2;
    double mean, variance;
  };
  const Pyo pyo[] = {{0, 0.5f, 0.5f, 0.4964, 0.0833}, {1, 0.5f, 0.5f, 0.3358, 0.0568},
                     {2, 0.5f, 0.5f, 0.6704, 0.0556}, {3, 0.5f, 0.5f, 0.5043, 0.0422},
                     {4, 0.5f, 0.5f, 0.7905, 0.1016}, {4, 10, 0.5f, 0.1012, 0.0101},
                     {5, 10, 0.5f, 0.8994, 0.0102},   {6, 10, 0.5f, 0.4999, 0.0051},
                     {7, 0.5f, 0.5f, 0.5017, 0.0356}, {8, 0.5f, 0.5f, 0.4155, 0.1625},
                     {8, 0.5f, 2, 0.4430, 0.0497},    {9, 0.5f, 0.5f, 0.5017, 0.0137},
                     {9, 0.5f, 0.2f, 0.5007, 0.0022}, {10, 0.5f, 0.5f, 0.0527, 0.0005},
                     {10, 4, 1, 0.3412, 0.0255}};
  const double n = static_cast<double>(at.size());
  for (const Pyo& p : pyo) {
    const std::vector<float> y = render("TrigXnoise", {Input::signal(metro), Input::value(p.dist), Input::value(p.x1),
                                                       Input::value(p.x2)},
                                        count);
    double mean = 0.0;
    for (int i : at) mean += y[static_cast<size_t>(i)];
    mean /= n;
    // pyo's own mean is one sample of 10001: both within 4 standard errors, the tolerance twice that.
    EXPECT_NEAR(mean, p.mean, 2 * 4 * std::sqrt(p.variance / n)) << "dist " << p.dist << " x1 " << p.x1;
    for (size_t i = 1; i < y.size(); ++i) {
      if (y[i] != y[i - 1]) ASSERT_EQ(metro[i], 1.0f) << "dist " << p.dist << ": a change off a trigger at " << i;
    }
  }
}

TEST(TrigXnoise, WalksStayWithinTheirMaximum) {
  const int count = 10 * 44100;
  const std::vector<float> metro = metroTrain(0.001f, count);
  for (float dist : {11.0f, 12.0f})
    for (float x1 : {0.5f, 1.0f}) {
      const std::vector<float> y =
          render("TrigXnoise", {Input::signal(metro), Input::value(dist), Input::value(x1), Input::value(0.1f)}, count);
      float low = 1.0f, high = 0.0f;
      for (float v : y) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
      EXPECT_GE(low, 0.0f);
      EXPECT_LE(high, x1);
      EXPECT_GT(high - low, 0.1f) << "dist " << dist;  // it walks
    }
  for (float v : render("TrigXnoise", {Input::value(0), Input::value(0), Input::value(0.5f), Input::value(0.5f)}, 300))
    ASSERT_EQ(v, 0.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
