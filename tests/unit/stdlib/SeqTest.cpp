// Seq: trigger samples exact against pyo 1.0.4.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) on channel 0 and Sig(1) on channel 1 (the output fade-in divided out), triggers where the sample is 1:
//   Seq(0.1, seq=[1, 2, 0.5]).play(): 0, 4410, 13229, 15434, 19844, 28664, 30869, 35279, 44099, 46304, 50714
//   the same with speed=2: 0, 2205, 6615, 7717, 9922, 14332, 15435, 17640, 22050, 23152, 25357
//   Seq(0.01, seq=[1, 2, 3]).play(): 0, 441, 1323, 2646, 3087, 3969, 5292, 5733, 6615, 7938, 8379
//   the same with onlyonce=True: 0, 441, 1323 and no more
//   Seq().play() (time 1, seq [1]): 0, 44099, 88199;   Seq(0.01) without play(): none
#include <gtest/gtest.h>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

std::vector<int> seq(float time, std::vector<float> durations, int count, float speed = 1.0f,
                     float onlyonce = 0.0f, float playing = 1.0f) {
  return triggerSamples(render("Seq",
                               {Input::value(time), Input::array(std::move(durations)), Input::value(1.0f),
                                Input::value(onlyonce), Input::value(speed), Input::value(playing)},
                               count));
}

TEST(Seq, TriggersOnPyosSamples) {
  EXPECT_EQ(seq(0.1f, {1, 2, 0.5f}, 50715),
            (std::vector<int>{0, 4410, 13229, 15434, 19844, 28664, 30869, 35279, 44099, 46304, 50714}));
  EXPECT_EQ(seq(0.1f, {1, 2, 0.5f}, 25358, 2.0f),
            (std::vector<int>{0, 2205, 6615, 7717, 9922, 14332, 15435, 17640, 22050, 23152, 25357}));
  EXPECT_EQ(seq(0.01f, {1, 2, 3}, 8380), (std::vector<int>{0, 441, 1323, 2646, 3087, 3969, 5292, 5733, 6615, 7938, 8379}));
  EXPECT_EQ(seq(1.0f, {1}, 88200), (std::vector<int>{0, 44099, 88199}));
}

TEST(Seq, OnlyOnceAndPlay) {
  EXPECT_EQ(seq(0.01f, {1, 2, 3}, 8380, 1.0f, 1.0f), (std::vector<int>{0, 441, 1323}));
  EXPECT_TRUE(seq(0.01f, {1}, 2000, 1.0f, 0.0f, 0.0f).empty());
  // A play() restarts the list (a trigger at once), a stop() silences it.
  RenderOptions options;
  options.changes = {{1000, 5, 2.0f}, {2000, 5, -2.0f}};
  const std::vector<float> y = render("Seq", {Input::value(0.01f), Input::array({1, 2}), Input::value(1),
                                              Input::value(0), Input::value(1), Input::value(1)},
                                      3000, options);
  EXPECT_EQ(triggerSamples(y), (std::vector<int>{0, 441, 1000, 1441}));
}

TEST(Seq, AudioRateTimeAndSpeed) {
  // Signals held at the same numbers trigger near the constants' samples (a float time: within a sample).
  std::vector<float> time(50800, 0.1f), speed(50800, 1.0f);
  const std::vector<int> at = triggerSamples(render(
      "Seq", {Input::signal(time), Input::array({1, 2, 0.5f}), Input::value(1), Input::value(0), Input::signal(speed),
              Input::value(1)},
      50800));
  const std::vector<int> pyo{0, 4410, 13229, 15434, 19844, 28664, 30869, 35279, 44099, 46304, 50714};
  ASSERT_EQ(at.size(), pyo.size());
  for (size_t i = 0; i < pyo.size(); ++i) EXPECT_NEAR(at[i], pyo[i], 1);
}

}  // namespace
}  // namespace patchc::stdlibtest
