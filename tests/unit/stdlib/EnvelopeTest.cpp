// Fader and Linseg: shapes and timing to the sample, and the hidden `playing` input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> fader(float fadein, float fadeout, float dur, int count, float playing = 1.0f) {
  return render("Fader",
                {Input::value(fadein), Input::value(fadeout), Input::value(dur), Input::value(1.0f), Input::value(playing)},
                count);
}

TEST(Fader, MatchesPyoShapeAndTiming) {
  // Measured with pyo 1.0.4: Fader(fadein=0.001, fadeout=0.002, dur=0.005).play(), sr 44100.
  std::vector<float> y = fader(0.001f, 0.002f, 0.005f, 400);
  const std::pair<int, float> pyo[] = {{0, 0.0f},         {1, 0.0226757f},   {44, 0.9977323f},  {45, 1.0f},
                                       {132, 1.0f},       {133, 0.9920634f}, {134, 0.9807255f}, {200, 0.2324263f},
                                       {220, 0.0056689f}, {221, 0.0f},       {399, 0.0f}};
  for (auto [i, value] : pyo) EXPECT_NEAR(y[i], value, 2e-6) << i;
  // Every sample: t / fadein, then 1, then (dur - t) / fadeout, then 0.
  for (int i = 0; i < 400; ++i) {
    double t = i / 44100.0;
    double expected = std::max(0.0, std::min({t / 0.001, 1.0, (0.005 - t) / 0.002}));
    ASSERT_NEAR(y[i], expected, 1e-6) << i;
  }
}

TEST(Fader, DurZeroFadesInAndHolds) {
  std::vector<float> y = fader(0.01f, 0.1f, 0.0f, 44100);
  EXPECT_EQ(y[0], 0.0f);
  EXPECT_NEAR(y[220], 220.0f / 441.0f, 1e-6);
  for (int i = 441; i < 44100; ++i) ASSERT_EQ(y[i], 1.0f) << i;
  std::vector<float> step = fader(0.0f, 0.0f, 0.0f, 10);  // no fade-in: a step
  EXPECT_EQ(step[0], 1.0f);
}

TEST(Fader, OverlappingFadesMeetInTheMiddle) {
  std::vector<float> y = fader(0.01f, 0.01f, 0.01f, 600);
  EXPECT_NEAR(*std::max_element(y.begin(), y.end()), 0.5f, 2e-3);
  EXPECT_NEAR(y[220], 0.5f, 2e-3);
  EXPECT_EQ(y[441], 0.0f);
}

TEST(Fader, SilentUntilStarted) {
  std::vector<float> y = fader(0.01f, 0.1f, 0.0f, 1000, 0.0f);
  for (float v : y) ASSERT_EQ(v, 0.0f);
}

std::vector<float> linseg(std::vector<float> list, int count, float loop = 0.0f, float initToFirstVal = 0.0f,
                          float playing = 1.0f) {
  return render(
      "Linseg",
      {Input::array(std::move(list)), Input::value(loop), Input::value(initToFirstVal), Input::value(playing)}, count);
}

TEST(Linseg, ExactLinesWithoutOvershoot) {
  // pyo 1.0.4 gives 0.0227 first and 1.0204 at the peak for this list; patchc starts at 0 and peaks at 1.
  std::vector<float> y = linseg({0.0f, 0.0f, 0.001f, 1.0f, 0.002f, 0.5f}, 200);
  for (int i = 0; i < 200; ++i) {
    double t = i / 44100.0;
    double expected = t < 0.001 ? t / 0.001 : t < 0.002 ? 1.0 - 0.5 * (t - 0.001) / 0.001 : 0.5;
    ASSERT_NEAR(y[i], expected, 1e-6) << i;
  }
  EXPECT_EQ(y[0], 0.0f);
  EXPECT_LE(*std::max_element(y.begin(), y.end()), 1.0f);
}

TEST(Linseg, BreakpointsOnSamples) {
  // 10 ms = 441 samples: the peak is on sample 441, the end on 882, and the value holds after.
  std::vector<float> y = linseg({0.0f, 0.0f, 0.01f, 1.0f, 0.02f, 0.0f}, 2000);
  EXPECT_NEAR(y[441], 1.0f, 1e-6);
  EXPECT_NEAR(y[440], 440.0f / 441.0f, 1e-6);
  EXPECT_NEAR(y[442], 440.0f / 441.0f, 1e-6);
  EXPECT_NEAR(y[882], 0.0f, 1e-6);
  for (int i = 883; i < 2000; ++i) ASSERT_EQ(y[i], 0.0f) << i;
  EXPECT_LE(*std::max_element(y.begin(), y.end()), 1.0f);
}

TEST(Linseg, HoldsTheFirstValueBeforeTheFirstTime) {
  // As pyo 1.0.4: [(0.001, 0.3), (0.002, 1)] is 0.3 until 1 ms.
  std::vector<float> y = linseg({0.001f, 0.3f, 0.002f, 1.0f}, 200);
  for (int i = 0; i <= 44; ++i) ASSERT_NEAR(y[i], 0.3f, 1e-6) << i;
  EXPECT_NEAR(y[66], 0.3f + 0.7f * (66.0f / 44100.0f - 0.001f) / 0.001f, 1e-5);
  EXPECT_NEAR(y[150], 1.0f, 1e-6);
}

TEST(Linseg, LoopRestartsEveryLastTime) {
  // A 20 ms cycle is 882 samples: the output repeats exactly, and each cycle starts at the first value.
  std::vector<float> list = {0.0f, 0.2f, 0.005f, 1.0f, 0.02f, 0.0f};
  std::vector<float> y = linseg(list, 882 * 5, 1.0f);
  for (int i = 0; i < 882 * 4; ++i) ASSERT_NEAR(y[i + 882], y[i], 1e-6) << i;
  EXPECT_NEAR(y[882], 0.2f, 1e-6);
  EXPECT_NEAR(y[882 * 3 + 220], y[220], 1e-6);
  // A cycle that is not a whole number of samples (1.5 ms = 66.15 samples) keeps its length over many cycles.
  std::vector<float> ramp = linseg({0.0f, 0.0f, 0.0015f, 1.0f}, 44100, 1.0f);
  int restarts = 0;
  for (int i = 1; i < 44100; ++i) restarts += ramp[i] < ramp[i - 1];
  EXPECT_EQ(restarts, static_cast<int>(44100 / 66.15));
}

TEST(Linseg, BeforePlayAndEmpty) {
  std::vector<float> list = {0.0f, 0.3f, 0.01f, 1.0f};
  for (float v : linseg(list, 100, 0.0f, 0.0f, 0.0f)) ASSERT_EQ(v, 0.0f);
  for (float v : linseg(list, 100, 0.0f, 1.0f, 0.0f)) ASSERT_EQ(v, 0.3f);  // initToFirstVal
  for (float v : linseg({}, 100)) ASSERT_EQ(v, 0.0f);
  for (float v : linseg({0.5f, 0.7f}, 100, 1.0f)) ASSERT_EQ(v, 0.7f);  // one point: a constant
}

}  // namespace
}  // namespace patchc::stdlibtest

namespace patchc::stdlibtest {
namespace {

// play()/stop() through the hidden `playing` input (Envelope.h's convention). pyo 1.0.4, measured: Fader(fadein=0.01,
// fadeout=0.02, dur=0).play(), CallAfter(stop, 0.005) with buffersize 64: the stop lands on sample 256, which
// repeats the level of sample 255 (255/441 = 0.578), then falls 0.578/882 a sample (0.549385258 on sample 300,
// 0.313372527 on 660).
std::vector<float> faderWithChanges(float dur, int count, std::vector<ControlChange> changes) {
  RenderOptions options;
  options.changes = std::move(changes);
  return render("Fader",
                {Input::value(0.01f), Input::value(0.02f), Input::value(dur), Input::value(1.0f), Input::value(1.0f)}, count,
                options);
}

TEST(Fader, StopFadesOutFromTheCurrentLevelAsPyo) {
  std::vector<float> y = faderWithChanges(0.0f, 2000, {{256, 4, -1.0f}});
  EXPECT_NEAR(y[255], 255.0f / 441.0f, 1e-6);
  EXPECT_NEAR(y[256], 255.0f / 441.0f, 1e-6);
  EXPECT_NEAR(y[300], 0.549385258f, 2e-6);
  EXPECT_NEAR(y[660], 0.313372527f, 2e-6);
  for (int i = 256 + 883; i < 2000; ++i) ASSERT_EQ(y[i], 0.0f) << i;
}

TEST(Fader, PlayRestartsFromTheCurrentLevel) {
  // Released to 0 after a stop(), then played again: a fade-in from 0; played again while holding at 1: stays 1.
  std::vector<float> y = faderWithChanges(0.0f, 4000, {{1000, 4, -1.0f}, {2000, 4, 2.0f}, {3000, 4, 3.0f}});
  EXPECT_EQ(y[1999], 0.0f);
  EXPECT_EQ(y[2000], 0.0f);
  EXPECT_NEAR(y[2220], 220.0f / 441.0f, 1e-6);
  for (int i = 2441; i < 4000; ++i) ASSERT_EQ(y[i], 1.0f) << i;
  // A stop() with dur > 0 silences at once (pyo's stop() ends the stream).
  std::vector<float> z = faderWithChanges(0.5f, 1000, {{600, 4, -1.0f}});
  EXPECT_EQ(z[599], 1.0f);
  for (int i = 600; i < 1000; ++i) ASSERT_EQ(z[i], 0.0f) << i;
}

TEST(Linseg, PlayRestartsAndStopSilences) {
  RenderOptions options;
  options.changes = {{300, 3, -1.0f}, {500, 3, 2.0f}};
  std::vector<float> y = render("Linseg",
                                {Input::array({0.0f, 0.0f, 0.01f, 1.0f}), Input::value(0.0f), Input::value(0.0f),
                                 Input::value(1.0f)},
                                1200, options);
  EXPECT_NEAR(y[299], 299.0f / 441.0f, 1e-6);
  for (int i = 300; i < 500; ++i) ASSERT_EQ(y[i], 0.0f) << i;  // pyo zeroes a stopped object
  EXPECT_EQ(y[500], 0.0f);                                      // restarted from its first breakpoint
  EXPECT_NEAR(y[500 + 220], 220.0f / 441.0f, 1e-6);
  EXPECT_NEAR(y[500 + 441], 1.0f, 1e-6);
}

}  // namespace
}  // namespace patchc::stdlibtest

namespace patchc::stdlibtest {
namespace {

TEST(Fader, SetExpRaisesTheOutput) {
  // pyo 1.0.4's setExp(x) raises each sample of the linear envelope to x; x <= 0 is ignored.
  std::vector<float> y = render(
      "Fader", {Input::value(0.01f), Input::value(0.1f), Input::value(0.0f), Input::value(2.0f), Input::value(1.0f)}, 500);
  EXPECT_NEAR(y[220], std::pow(220.0f / 441.0f, 2.0f), 1e-6);
  std::vector<float> ignored = render(
      "Fader", {Input::value(0.01f), Input::value(0.1f), Input::value(0.0f), Input::value(-1.0f), Input::value(1.0f)}, 500);
  EXPECT_NEAR(ignored[220], 220.0f / 441.0f, 1e-6);
}

}  // namespace
}  // namespace patchc::stdlibtest
