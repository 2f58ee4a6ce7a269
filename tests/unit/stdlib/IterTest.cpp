// Iter: its steps exact against pyo 1.0.4.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel):
//   Iter(Metro(0.01).play(), [1.5, 2.5, 3.5], init=7) (Metro's triggers on 0, 443, 884, 1325, 1766, ...):
//   samples 0, 1 and 442: 1.5; 443, 444: 2.5; 884, 885: 3.5; 1325, 1326: 1.5; 1766, 1767: 2.5
#include <gtest/gtest.h>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

TEST(Iter, StepsThroughItsListOnEachTrigger) {
  const std::vector<float> y =
      render("Iter", {Input::signal(metroTrain(0.01f, 2000)), Input::array({1.5f, 2.5f, 3.5f}), Input::value(7.0f)},
             2000);
  const std::pair<int, float> pyo[] = {{0, 1.5f},    {1, 1.5f},    {442, 1.5f},  {443, 2.5f},  {444, 2.5f},
                                       {884, 3.5f},  {885, 3.5f},  {1325, 1.5f}, {1326, 1.5f}, {1766, 2.5f},
                                       {1767, 2.5f}, {883, 2.5f},  {1324, 3.5f}};
  for (auto [at, value] : pyo) EXPECT_EQ(y[static_cast<size_t>(at)], value) << at;
}

TEST(Iter, InitUntilTheFirstTrigger) {
  std::vector<float> x(300, 0.0f);
  x[100] = 1.0f;
  x[200] = 0.5f;  // not a trigger
  const std::vector<float> y = render("Iter", {Input::signal(x), Input::array({4, 5}), Input::value(7)}, 300);
  EXPECT_EQ(y[99], 7.0f);
  EXPECT_EQ(y[100], 4.0f);
  EXPECT_EQ(y[299], 4.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
