// SigTo and Port against pyo 1.0.4's measured samples.
//
// Measured with pyo 1.0.4, offline server at 44100 Hz, 32-bit float WAV, each output divided sample by sample by
// that of Sig(1) rendered the same way (pyo fades its output in over 220 samples):
//   SigTo(1, time=0.01, init=0): (i + 1)/440 on sample i (0.01·44100 in float is 440.99999: 440 steps), 1 from
//     sample 439 on;
//   Port(Sig(1), risetime=0.01, falltime=0.05, init=0) and Port(Sig(-1), ...): the samples in the tables below.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> sigto(Input value, float time, float init, int count) {
  return render("SigTo", {std::move(value), Input::value(time), Input::value(init)}, count);
}

TEST(SigTo, RampsAsPyo) {
  std::vector<float> y = sigto(Input::value(1.0f), 0.01f, 0.0f, 2000);
  const std::pair<int, float> pyo[] = {{1, 0.00454545421f}, {2, 0.00681818173f}, {10, 0.0249999987f},
                                       {100, 0.229545331f}, {300, 0.684090369f}, {439, 1.0f}};
  for (auto [i, value] : pyo) EXPECT_NEAR(y[i], value, 2e-6) << i;
  for (int i = 0; i < 439; ++i) ASSERT_NEAR(y[i], (i + 1) / 440.0, 1e-6) << i;
  for (int i = 439; i < 2000; ++i) ASSERT_EQ(y[i], 1.0f) << i;
}

TEST(SigTo, RestartsFromWhereItIsWhenTheValueChanges) {
  // An audio-rate value: 1 for 100 samples, then 0.5. The second ramp starts from the first one's level.
  std::vector<float> value(3000, 1.0f);
  for (int i = 100; i < 3000; ++i) value[i] = 0.5f;
  std::vector<float> y = sigto(Input::signal(value), 0.01f, 0.0f, 3000);
  const double at99 = 100.0 / 440.0;
  EXPECT_NEAR(y[99], at99, 1e-6);
  EXPECT_NEAR(y[100], at99 + (0.5 - at99) / 440.0, 1e-6);  // one step on, on the sample of the change
  EXPECT_EQ(y[539], 0.5f);                                  // 440 steps later: exactly the value
  for (int i = 539; i < 3000; ++i) ASSERT_EQ(y[i], 0.5f);
}

TEST(SigTo, InitAndJumps) {
  for (float v : sigto(Input::value(0.25f), 0.1f, 0.25f, 500)) ASSERT_EQ(v, 0.25f);  // the value is init: no ramp
  std::vector<float> jump = sigto(Input::value(3.0f), 0.0f, 0.0f, 10);  // time 0: a jump
  for (float v : jump) ASSERT_EQ(v, 3.0f);
}

std::vector<float> port(float input, float rise, float fall, float init, int count) {
  return render("Port", {Input::value(input), Input::value(rise), Input::value(fall), Input::value(init)}, count);
}

TEST(Port, RisesAndFallsAsPyo) {
  const std::pair<int, float> up[] = {{1, 0.00441964036f},  {2, 0.00662212989f},   {10, 0.024067542f},
                                      {100, 0.200434275f},  {300, 0.486564149f},   {439, 0.622610098f},
                                      {440, 0.623444981f},  {1000, 0.891057348f}};
  std::vector<float> y = port(1.0f, 0.01f, 0.05f, 0.0f, 1001);
  for (auto [i, value] : up) EXPECT_NEAR(y[i], value, 1e-5f * value) << i;
  const std::pair<int, float> down[] = {{1, -0.000902313233f}, {2, -0.0013531645f}, {10, -0.00495265792f},
                                        {100, -0.0445638956f},  {300, -0.127034643f}, {1000, -0.36352609f}};
  std::vector<float> z = port(-1.0f, 0.01f, 0.05f, 0.0f, 1001);
  for (auto [i, value] : down) EXPECT_NEAR(z[i], value, 1e-5f * std::fabs(value)) << i;
}

TEST(Port, DirectionFollowsTheInputsLastMove) {
  // Up to 1 with the rise time, then down to 0 with the (longer) fall time: the first sample after the drop moves
  // by 1/((0.05 + 0.00025)·44100) of the way.
  std::vector<float> x(2000, 1.0f);
  for (int i = 1000; i < 2000; ++i) x[i] = 0.0f;
  std::vector<float> y =
      render("Port", {Input::signal(x), Input::value(0.01f), Input::value(0.05f), Input::value(0.0f)}, 2000);
  const double fall = 1.0 / ((0.05 + 0.00025) * 44100.0);
  EXPECT_NEAR(y[1000], y[999] * (1.0 - fall), 1e-6);
  for (float v : y) ASSERT_TRUE(v >= 0.0f && v <= 1.0f);
}

TEST(Port, StaysBetweenInitAndItsInputAtAnyRate) {
  RenderOptions slow;
  slow.sampleRate = 1000.0f;  // 1/(0.00025·1000) = 4: pyo would overshoot; the factor is kept at 1
  std::vector<float> y =
      render("Port", {Input::value(1.0f), Input::value(0.0f), Input::value(0.0f), Input::value(0.0f)}, 100, slow);
  for (float v : y) ASSERT_TRUE(v >= 0.0f && v <= 1.0f) << v;
}

}  // namespace
}  // namespace patchc::stdlibtest
