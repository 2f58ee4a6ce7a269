// Euclide: patterns and tap samples exact against pyo 1.0.4.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) on channel 0 and Sig(1) on channel 1 (the output fade-in divided out), triggers where the sample is 1:
//   Euclide(0.01, taps=16, onsets=10).play(): 0, 883, 1324, 2206, 3088, 3529, 4411, 4852, 5734, 6616, 7057,
//     then the measure again from 7057 (taps 0, 2, 3, 5, 7, 8, 10, 11, 13, 15; tap k on the sample Beat's is)
//   Euclide(0.01, 8, 3): 0, 1324, 2647, 3529, 4852, 6175, 7057;  Euclide(0.01, 12, 5): 0, 1324, 2206, 3529, 4411,
//   5293;  Euclide(0.01, 13, 5): 0, 1324, 2206, 3529, 4411, 5734
//   Euclide().play() (0.125, 16, 10): 0, 11026, 16538, 27563, 38588, 44101, 55126, 60638, 71663, 82688, 88201
#include <gtest/gtest.h>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

std::vector<int> euclide(float time, float taps, float onsets, int count, float playing = 1.0f) {
  return triggerSamples(render("Euclide",
                               {Input::value(time), Input::value(taps), Input::value(onsets), Input::value(1.0f),
                                Input::value(playing)},
                               count));
}

TEST(Euclide, PatternsAndSamplesAsPyo) {
  EXPECT_EQ(euclide(0.01f, 16, 10, 7058),
            (std::vector<int>{0, 883, 1324, 2206, 3088, 3529, 4411, 4852, 5734, 6616, 7057}));
  EXPECT_EQ(euclide(0.01f, 8, 3, 7058), (std::vector<int>{0, 1324, 2647, 3529, 4852, 6175, 7057}));
  EXPECT_EQ(euclide(0.01f, 12, 5, 5294), (std::vector<int>{0, 1324, 2206, 3529, 4411, 5293}));
  EXPECT_EQ(euclide(0.01f, 13, 5, 5735), (std::vector<int>{0, 1324, 2206, 3529, 4411, 5734}));
  EXPECT_EQ(euclide(0.125f, 16, 10, 88202),
            (std::vector<int>{0, 11026, 16538, 27563, 38588, 44101, 55126, 60638, 71663, 82688, 88201}));
}

TEST(Euclide, OnsetsClampedAndSilentUntilPlayed) {
  EXPECT_EQ(euclide(0.01f, 4, 9, 1766), (std::vector<int>{0, 442, 883, 1324, 1765}));  // every tap
  EXPECT_EQ(euclide(0.01f, 4, 0, 1766), (std::vector<int>{0, 1765}));                  // one onset
  EXPECT_TRUE(euclide(0.01f, 16, 10, 5000, 0.0f).empty());
}

}  // namespace
}  // namespace patchc::stdlibtest
