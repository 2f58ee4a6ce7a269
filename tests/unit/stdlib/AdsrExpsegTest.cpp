// Adsr and Expseg against pyo 1.0.4's measured samples, and play()/stop() through the hidden `playing` input.
//
// Measured with pyo 1.0.4, offline server at 44100 Hz, buffersize 64, 32-bit float WAV, each output divided by
// Sig(1)'s rendered the same way (pyo fades its output in over 220 samples):
//   Adsr(attack=0.01, decay=0.01, sustain=0.5, release=0.01, dur=0.05).play(): the table below;
//   Adsr(0.01, 0.01, 0.5, 0.01, dur=0).play() and CallAfter(stop, 0.03): the release starts on the block after
//     sample 1323 (1344) at 0.5 and falls 0.5/441 a sample (0.43650795 on sample 1400, 0.323129278 on 1500);
//   Expseg([(0, 0), (0.01, 1), (0.02, 0.5)], exp=3) with inverse True and False: the tables below.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr size_t kAdsrPlaying = 6;

std::vector<float> adsr(float dur, int count, std::vector<ControlChange> changes = {}, float exp = 1.0f) {
  RenderOptions options;
  options.changes = std::move(changes);
  return render("Adsr",
                {Input::value(0.01f), Input::value(0.01f), Input::value(0.5f), Input::value(0.01f), Input::value(dur),
                 Input::value(exp), Input::value(1.0f)},
                count, options);
}

TEST(Adsr, MatchesPyoWithADuration) {
  std::vector<float> y = adsr(0.05f, 2400);
  const std::pair<int, float> pyo[] = {
      {0, 0.0f},          {1, 0.00226757382f}, {2, 0.00453514734f}, {220, 0.4988662f},   {440, 0.997732399f},
      {441, 1.0f},        {442, 0.9988662f},   {660, 0.751700686f}, {882, 0.5f},         {1000, 0.5f},
      {1763, 0.5f},       {1764, 0.5f},        {1765, 0.498866289f}, {2000, 0.232426391f}, {2204, 0.00113386993f},
      {2206, 0.0f},       {2300, 0.0f}};
  for (auto [i, value] : pyo) EXPECT_NEAR(y[i], value, 2e-6) << i;
}

TEST(Adsr, StopReleasesFromTheCurrentLevelOnItsSample) {
  // Stopped on sample 1344 (pyo's block after its CallAfter): 0.5 there, then 0.5·(1 − k/441), 0 after.
  std::vector<float> y = adsr(0.0f, 2400, {{1344, kAdsrPlaying, -1.0f}});
  EXPECT_NEAR(y[1343], 0.5f, 1e-6);
  EXPECT_NEAR(y[1344], 0.5f, 1e-6);
  EXPECT_NEAR(y[1400], 0.43650795f, 2e-6);
  EXPECT_NEAR(y[1500], 0.323129278f, 2e-6);
  for (int i = 1344 + 442; i < 2400; ++i) ASSERT_EQ(y[i], 0.0f) << i;
  // Stopped during the attack: the release falls from the level reached.
  std::vector<float> early = adsr(0.0f, 1000, {{100, kAdsrPlaying, -1.0f}});
  EXPECT_NEAR(early[100], 99.0 / 441.0, 1e-6);
  EXPECT_NEAR(early[101], 99.0 / 441.0 * (1.0 - 1.0 / 441.0), 1e-6);
}

TEST(Adsr, PlayRestartsFromTheCurrentLevel) {
  // A second play() on sample 1000 (sustaining at 0.5): the attack rises from 0.5 to 1 in 441 samples.
  std::vector<float> y = adsr(0.0f, 2000, {{1000, kAdsrPlaying, 2.0f}});
  EXPECT_NEAR(y[1000], 0.5f, 1e-6);
  EXPECT_NEAR(y[1000 + 220], 0.5 + 0.5 * 220.0 / 441.0, 1e-6);
  EXPECT_NEAR(y[1441], 1.0f, 1e-6);
  // play() after a stop(): from the released level.
  std::vector<float> z = adsr(0.0f, 3000, {{1000, kAdsrPlaying, -1.0f}, {2000, kAdsrPlaying, 2.0f}});
  EXPECT_EQ(z[1999], 0.0f);
  EXPECT_NEAR(z[2441], 1.0f, 1e-6);
}

TEST(Adsr, SilentUntilPlayedAndAfterAStoppedDuration) {
  for (float v : adsr(0.05f, 500, {{0, kAdsrPlaying, 0.0f}})) ASSERT_EQ(v, 0.0f);
  std::vector<float> y = adsr(0.05f, 2000, {{500, kAdsrPlaying, -1.0f}});  // dur > 0: stop() silences at once
  EXPECT_GT(y[499], 0.5f);
  for (int i = 500; i < 2000; ++i) ASSERT_EQ(y[i], 0.0f) << i;
}

TEST(Adsr, SetExpRaisesTheOutputNotTheLevel) {
  // setExp(0.75) (the tutorial 05-envelopes/04's): each sample of the linear envelope to the power 0.75; a stop()
  // releases from the linear level, as pyo's (its currentVal is the linear one).
  std::vector<float> y = adsr(0.0f, 2000, {{1000, kAdsrPlaying, -1.0f}}, 0.75f);
  EXPECT_NEAR(y[220], std::pow(220.0f / 441.0f, 0.75f), 1e-6);
  EXPECT_NEAR(y[999], std::pow(0.5f, 0.75f), 1e-6);
  EXPECT_NEAR(y[1100], std::pow(0.5f * (1.0f - 100.0f / 441.0f), 0.75f), 1e-6);
}

std::vector<float> expseg(float inverse, int count, std::vector<ControlChange> changes = {}) {
  RenderOptions options;
  options.changes = std::move(changes);
  return render("Expseg",
                {Input::array({0.0f, 0.0f, 0.01f, 1.0f, 0.02f, 0.5f}), Input::value(0.0f), Input::value(3.0f),
                 Input::value(inverse), Input::value(0.0f), Input::value(1.0f)},
                count, options);
}

TEST(Expseg, MatchesPyo) {
  const std::pair<int, float> inverse[] = {
      {0, 0.0f},          {1, 1.16596165e-08f}, {2, 9.3276935e-08f},  {100, 0.0116596161f}, {220, 0.124151594f},
      {440, 0.993212755f}, {441, 1.0f},          {442, 0.996606347f}, {443, 0.993228073f}, {500, 0.824970765f},
      {660, 0.563784202f}, {881, 0.5f},          {882, 0.5f},         {1000, 0.5f}};
  std::vector<float> y = expseg(1.0f, 1001);
  for (auto [i, value] : inverse) EXPECT_NEAR(y[i], value, 1e-6) << i;
  const std::pair<int, float> straight[] = {{442, 1.0f}, {443, 0.999999941f}, {500, 0.998802661f},
                                            {660, 0.93876685f}, {881, 0.503393563f}, {882, 0.5f}};
  std::vector<float> z = expseg(0.0f, 1001);
  for (auto [i, value] : straight) EXPECT_NEAR(z[i], value, 1e-6) << i;
}

TEST(Expseg, PlayRestartsAndStopSilences) {
  std::vector<float> y = expseg(1.0f, 2000, {{600, 5, -1.0f}, {1000, 5, 2.0f}});
  for (int i = 600; i < 1000; ++i) ASSERT_EQ(y[i], 0.0f) << i;
  EXPECT_EQ(y[1000], 0.0f);
  EXPECT_NEAR(y[1441], 1.0f, 1e-6);  // the first breakpoint again, 441 samples after the play()
}

TEST(Expseg, LoopsAndStaysWithinItsBreakpoints) {
  std::vector<float> y = render("Expseg",
                                {Input::array({0.0f, 0.2f, 0.01f, 1.0f, 0.02f, 0.2f}), Input::value(1.0f),
                                 Input::value(10.0f), Input::value(1.0f), Input::value(0.0f), Input::value(1.0f)},
                                5000);
  EXPECT_NEAR(y[882], 0.2f, 1e-6);  // a cycle is 882 samples
  EXPECT_NEAR(y[882 + 441], 1.0f, 1e-6);
  for (float v : y) ASSERT_TRUE(v >= 0.2f && v <= 1.0f) << v;
}

}  // namespace
}  // namespace patchc::stdlibtest
