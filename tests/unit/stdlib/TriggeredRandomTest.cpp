// TrigRand, TrigRandInt and TrigChoice: new values on pyo 1.0.4's samples, with its distributions and glide.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel), on Metro(0.001).play()'s 10001 triggers in 10 s:
//   TrigRand(m, min=2, max=5): changes on the triggers' samples only; the 10001 values: mean 3.5079, variance
//     0.7474, min 2.0, max 5.0 (uniform: 3.5, 0.75)
//   TrigRandInt(m, max=10): 0 .. 9 all drawn, mean 4.5068, variance 8.2206 (uniform: 4.5, 8.25);
//     TrigRandInt(untriggered, max=1000): 294 from sample 0 (a draw when created)
//   TrigChoice(m, [1, 2, 7]): 3350, 3296, 3355 times
// and on Metro(0.05).play() (triggers on 0, 2207):
//   TrigRand(m, min=2, max=3, port=0.01, init=1): [0] 1.002951, [1] 1.005902, [2] 1.008853, then [439] and on the
//     value v = 2.298389: (v − 1)/440 a sample (trunc(0.01f · 44100) = 440 steps), v from the 439th sample
//   TrigChoice(m, [10], port=0.01, init=2): [0] 2.018182, [1] 2.036364, [439] 10
//   TrigRand(untriggered, init=0.7): 0.7;  TrigChoice(untriggered, [5], init=0.3): 0.3
// patchc's generator differs from pyo's, so distributions are checked, not values.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "tests/support/Analysis.h"
#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

struct Moments {
  double mean = 0, variance = 0, min = 1e30, max = -1e30;
};

Moments momentsAt(const std::vector<float>& y, const std::vector<int>& at) {
  Moments m;
  for (int i : at) m.mean += y[static_cast<size_t>(i)];
  m.mean /= static_cast<double>(at.size());
  for (int i : at) {
    const double v = y[static_cast<size_t>(i)];
    m.variance += (v - m.mean) * (v - m.mean);
    m.min = std::min(m.min, v);
    m.max = std::max(m.max, v);
  }
  m.variance /= static_cast<double>(at.size());
  return m;
}

TEST(TrigRand, UniformBetweenMinAndMaxOnTriggers) {
  const int count = 10 * 44100;
  const std::vector<float> metro = metroTrain(0.001f, count);
  const std::vector<int> at = triggerSamples(metro);
  const std::vector<float> y = render("TrigRand", {Input::signal(metro), Input::value(2), Input::value(5),
                                                   Input::value(0), Input::value(0)},
                                      count);
  const Moments m = momentsAt(y, at);
  const double n = static_cast<double>(at.size());
  EXPECT_NEAR(m.mean, 3.5, 4 * std::sqrt(0.75 / n));
  EXPECT_NEAR(m.variance, 0.75, 0.04);
  EXPECT_GE(m.min, 2.0);
  EXPECT_LT(m.max, 5.0);
  for (size_t c : test::changes(y)) EXPECT_EQ(metro[c], 1.0f) << c;  // only on triggers
  for (float v : render("TrigRand", {Input::value(0), Input::value(2), Input::value(5), Input::value(0),
                                     Input::value(0.7f)},
                        500))
    ASSERT_EQ(v, 0.7f);
}

TEST(TrigRand, GlidesOverPortSamplesAsPyo) {
  const std::vector<float> y = render("TrigRand", {Input::signal(metroTrain(0.05f, 1000)), Input::value(2),
                                                   Input::value(3), Input::value(0.01f), Input::value(1)},
                                      1000);
  const float v = y[439];
  ASSERT_GE(v, 2.0f);
  ASSERT_LT(v, 3.0f);
  for (int k = 0; k < 439; ++k)  // 440 steps of (v − 1)/440, the last landing on v
    EXPECT_NEAR(y[static_cast<size_t>(k)], 1.0 + (v - 1.0) * (k + 1) / 440.0, 1e-5) << k;
  EXPECT_NE(y[438], v);
  for (int k = 439; k < 1000; ++k) ASSERT_EQ(y[static_cast<size_t>(k)], v) << k;
}

TEST(TrigRandInt, WholeNumbersBelowMax) {
  const int count = 10 * 44100;
  const std::vector<float> metro = metroTrain(0.001f, count);
  const std::vector<int> at = triggerSamples(metro);
  const std::vector<float> y = render("TrigRandInt", {Input::signal(metro), Input::value(10)}, count);
  std::map<float, int> seen;
  for (int i : at) ++seen[y[static_cast<size_t>(i)]];
  EXPECT_EQ(seen.size(), 10u);
  for (auto [value, n] : seen) {
    EXPECT_EQ(value, std::trunc(value));
    EXPECT_GE(value, 0.0f);
    EXPECT_LE(value, 9.0f);
  }
  const Moments m = momentsAt(y, at);
  EXPECT_NEAR(m.mean, 4.5, 4 * std::sqrt(8.25 / static_cast<double>(at.size())));
  EXPECT_NEAR(m.variance, 8.25, 0.4);
  for (size_t c : test::changes(y)) EXPECT_EQ(metro[c], 1.0f) << c;
  // Before any trigger: already a draw, as pyo's (its 294 for max 1000), held.
  const std::vector<float> untriggered = render("TrigRandInt", {Input::value(0), Input::value(1000)}, 500);
  EXPECT_EQ(untriggered[0], std::trunc(untriggered[0]));
  EXPECT_GE(untriggered[0], 0.0f);
  EXPECT_LT(untriggered[0], 1000.0f);
  for (float v : untriggered) ASSERT_EQ(v, untriggered[0]);
}

TEST(TrigChoice, EachNumberEquallyLikely) {
  const int count = 10 * 44100;
  const std::vector<float> metro = metroTrain(0.001f, count);
  const std::vector<int> at = triggerSamples(metro);
  const std::vector<float> y = render("TrigChoice", {Input::signal(metro), Input::array({1, 2, 7}), Input::value(0),
                                                     Input::value(0)},
                                      count);
  std::map<float, int> seen;
  for (int i : at) ++seen[y[static_cast<size_t>(i)]];
  ASSERT_EQ(seen.size(), 3u);
  const double n = static_cast<double>(at.size());
  for (float v : {1.0f, 2.0f, 7.0f}) EXPECT_NEAR(seen[v], n / 3, 4 * std::sqrt(n * (2.0 / 9.0))) << v;
  for (size_t c : test::changes(y)) EXPECT_EQ(metro[c], 1.0f) << c;
}

TEST(TrigChoice, GlidesAndInitAsPyo) {
  const std::vector<float> y = render("TrigChoice", {Input::signal(metroTrain(0.05f, 600)), Input::array({10}),
                                                     Input::value(0.01f), Input::value(2)},
                                      600);
  EXPECT_NEAR(y[0], 2.018182, 1e-5);
  EXPECT_NEAR(y[1], 2.036364, 1e-5);
  EXPECT_EQ(y[439], 10.0f);
  EXPECT_NE(y[438], 10.0f);
  for (float v : render("TrigChoice", {Input::value(0), Input::array({5}), Input::value(0), Input::value(0.3f)}, 300))
    ASSERT_EQ(v, 0.3f);
}

}  // namespace
}  // namespace patchc::stdlibtest
