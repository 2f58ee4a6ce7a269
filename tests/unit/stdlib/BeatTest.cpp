// Beat: tap samples exact against pyo 1.0.4, and its weights' odds.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) on channel 0 and Sig(1) on channel 1 (the output fade-in divided out), triggers where the sample is 1:
//   Beat(0.125, taps=16, w1=100, w2=100, w3=100).play(): 0, 5513, 11026, 16538, 22051, 27563, 33076, 38588, 44101
//   Beat(0.1, 16, 100, 100, 100).play(): 0, 4411, 8821, 13231, 17641, 22051
//   Beat(0.01, taps=4, 100, 100, 100, onlyonce=True).play(): 0, 442, 883, 1324 and no more
//   Beat(0.01, taps=T, ...) with one weight 100 and the others 0 (tap k on sample 0, 442, 883, 1324, 1765, ...):
//     16, w1: taps 0, 4, 8, 12 (0, 1765, 3529, 5293); 16, w2: 2, 6 (883, 2647); 12, w2: 3, 9 (1324, 3970);
//     14, w2: 2, 4, 9, 11 (883, 1765, 3970, 4852); 10, w2: 3, 8 (1324, 3529); 9, w1: 0, 3, 6 (0, 1324, 2647)
//   Beat(0.01, taps=11, 100, 100, 100).play(): no trigger; all weights 0: none; without play(): none.
// pyo draws each tap's on/off once, at creation (pyorand() % 100 < weight), and repeats the measure: patchc draws
// the same odds from its own generator, so the odds are checked over many seeds, not the patterns.
#include <gtest/gtest.h>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> beat(float time, float taps, float w1, float w2, float w3, int count, float onlyonce = 0.0f,
                        float playing = 1.0f, uint32_t seed = 1) {
  RenderOptions options;
  options.seed = seed;
  return render("Beat",
                {Input::value(time), Input::value(taps), Input::value(w1), Input::value(w2), Input::value(w3),
                 Input::value(1.0f), Input::value(onlyonce), Input::value(playing)},
                count, options);
}

std::vector<int> firstOf(std::vector<int> at, size_t n) {
  if (at.size() > n) at.resize(n);
  return at;
}

TEST(Beat, TapsOnPyosSamples) {
  EXPECT_EQ(firstOf(triggerSamples(beat(0.125f, 16, 100, 100, 100, 44200)), 9),
            (std::vector<int>{0, 5513, 11026, 16538, 22051, 27563, 33076, 38588, 44101}));
  EXPECT_EQ(firstOf(triggerSamples(beat(0.1f, 16, 100, 100, 100, 22100)), 6),
            (std::vector<int>{0, 4411, 8821, 13231, 17641, 22051}));
  EXPECT_EQ(triggerSamples(beat(0.01f, 4, 100, 100, 100, 10000, 1.0f)), (std::vector<int>{0, 442, 883, 1324}));
}

TEST(Beat, AccentsByTheMeasuresDivisor) {
  struct Pyo {
    float taps, w1, w2;
    std::vector<int> at;  // the first measure's triggers
  };
  const Pyo pyo[] = {{16, 100, 0, {0, 1765, 3529, 5293}},       {16, 0, 100, {883, 2647, 4411, 6175}},
                     {12, 0, 100, {1324, 3970}},                {14, 0, 100, {883, 1765, 3970, 4852}},
                     {10, 0, 100, {1324, 3529}},                {9, 100, 0, {0, 1324, 2647}}};
  for (const Pyo& p : pyo) {
    const int measure = static_cast<int>(p.taps) * 441;
    EXPECT_EQ(firstOf(triggerSamples(beat(0.01f, p.taps, p.w1, p.w2, 0, measure + 1)), p.at.size()), p.at)
        << p.taps << " taps";
  }
}

TEST(Beat, SilentWithoutPlayWeightsOrADivisor) {
  EXPECT_TRUE(triggerSamples(beat(0.01f, 11, 100, 100, 100, 10000)).empty());
  EXPECT_TRUE(triggerSamples(beat(0.01f, 16, 0, 0, 0, 10000)).empty());
  EXPECT_TRUE(triggerSamples(beat(0.01f, 16, 100, 100, 100, 10000, 0.0f, 0.0f)).empty());
}

TEST(Beat, RepeatsItsMeasureAndRestartsOnPlay) {
  // Measures start on samples 0, 3529 and 7057 (tap 0 on sample 0, tap k ≥ 1 on 442 + 441 (k − 1) or so).
  const std::vector<int> at = triggerSamples(beat(0.01f, 8, 60, 60, 60, 7057));
  std::vector<int> first, second;
  for (int s : at) (s < 3529 ? first : second).push_back(s);
  ASSERT_FALSE(first.empty());
  ASSERT_EQ(first.size(), second.size());
  for (size_t i = 0; i < first.size(); ++i) EXPECT_NEAR(second[i] - first[i], 8 * 441, 1);
  // A play() at 1000 restarts the measure: tap 0 on 1000 when on; a stop() at 3000 silences it.
  RenderOptions options;
  options.changes = {{1000, 7, 2.0f}, {3000, 7, -2.0f}};
  const std::vector<float> y =
      render("Beat", {Input::value(0.01f), Input::value(4), Input::value(100), Input::value(100), Input::value(100),
                      Input::value(1), Input::value(0), Input::value(1)},
             6000, options);
  EXPECT_EQ(triggerSamples(y), (std::vector<int>{0, 442, 883, 1000, 1442, 1883, 2324, 2765}));
}

TEST(Beat, WeightsAreTheOddsOfATap) {
  // 16 taps (divisor 4): taps 0, 4, 8, 12 weigh w1 = 80, taps 2, 6, 10, 14 w2 = 50, the odd ones w3 = 30.
  int on[3] = {0, 0, 0}, count[3] = {0, 0, 0};
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    const std::vector<float> y = beat(0.001f, 16, 80, 50, 30, 16 * 45, 1.0f, 1.0f, seed);
    std::vector<int> at = triggerSamples(y);
    // Beat(0.001) taps: sample 0, then after the clock's 44.1-sample periods: tap k on the first sample ≥ 44.1 k.
    for (int k = 0; k < 16; ++k) {
      const int weight = k % 4 == 0 ? 0 : k % 4 == 2 ? 1 : 2;
      ++count[weight];
      for (int s : at)
        if (s >= 44.1 * k && s < 44.1 * k + 2) ++on[weight];
    }
  }
  const double expected[3] = {0.8, 0.5, 0.3};
  for (int w = 0; w < 3; ++w) {
    const double p = static_cast<double>(on[w]) / count[w];
    const double sigma = std::sqrt(expected[w] * (1 - expected[w]) / count[w]);
    EXPECT_NEAR(p, expected[w], 4 * sigma) << "weight " << w + 1;
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
