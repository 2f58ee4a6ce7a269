// TrigEnv: table readings from each trigger, samples against pyo 1.0.4.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel), on Metro(0.05).play()'s triggers (0, 2207):
//   TrigEnv(m, LinTable([(0, 0), (8191, 1)], size=8192), dur=0.01): [0] 0, [1] 0.002268, [100] 0.226785,
//     [220] 0.498927, [221] 0.501195, [300] 0.680355, [439] 0.995586, [440] 0.997854, [441] 0, [2206] 0,
//     [2646] 0.995586, [2647] 0.997854
//   dur=0.0101: [444] 0.996956, [445] 0.999201, [446] 0
//   TrigEnv(m, HannTable(8192), dur=0.02): [0] 0, [100] 0.121846, [441] 1, [442] 0.999984, [600] 0.711768,
//     [881] 1e-05, [882] 0
//   Without a trigger (Metro not played): 0.
#include <gtest/gtest.h>

#include "stdlib/Registry.h"
#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> trigEnv(std::vector<float> triggers, std::vector<float> shape, float dur, float interp = 2) {
  const int count = static_cast<int>(triggers.size());
  return render("TrigEnv", {Input::signal(std::move(triggers)), Input::array(std::move(shape)), Input::value(dur),
                            Input::value(interp)},
                count);
}

TEST(TrigEnv, ReadsTheTableOnceFromEachTrigger) {
  const std::vector<float> ramp = filledTable("LinTable", {});  // (0, 0) to (8191, 1), 8192 samples
  const std::vector<float> y = trigEnv(metroTrain(0.05f, 3000), ramp, 0.01f);
  const std::pair<int, double> pyo[] = {{0, 0},           {1, 0.002268},    {100, 0.226785}, {220, 0.498927},
                                        {221, 0.501195},  {300, 0.680355},  {439, 0.995586}, {440, 0.997854},
                                        {441, 0},         {2206, 0},        {2646, 0.995586}, {2647, 0.997854}};
  for (auto [at, value] : pyo) EXPECT_NEAR(y[static_cast<size_t>(at)], value, 1e-5) << at;
  for (int i = 441; i < 2207; ++i) ASSERT_EQ(y[static_cast<size_t>(i)], 0.0f) << i;
  const std::vector<float> longer = trigEnv(metroTrain(0.05f, 500), ramp, 0.0101f);
  EXPECT_NEAR(longer[444], 0.996956, 1e-5);
  EXPECT_NEAR(longer[445], 0.999201, 1e-5);
  EXPECT_EQ(longer[446], 0.0f);
}

TEST(TrigEnv, HannShape) {
  const std::vector<float> hann = filledTable("HannTable", {});
  const std::vector<float> y = trigEnv(metroTrain(0.05f, 1000), hann, 0.02f);
  const std::pair<int, double> pyo[] = {{0, 0},           {100, 0.121846}, {441, 1.0},  {442, 0.999984},
                                        {600, 0.711768}, {881, 1e-05},    {882, 0}};
  for (auto [at, value] : pyo) EXPECT_NEAR(y[static_cast<size_t>(at)], value, 1e-5) << at;
}

TEST(TrigEnv, SilentWithoutATriggerOrADuration) {
  const std::vector<float> ramp = filledTable("LinTable", {});
  for (float v : trigEnv(std::vector<float>(1000, 0.0f), ramp, 0.01f)) ASSERT_EQ(v, 0.0f);
  for (float v : trigEnv(metroTrain(0.05f, 1000), ramp, 0.0f)) ASSERT_EQ(v, 0.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
