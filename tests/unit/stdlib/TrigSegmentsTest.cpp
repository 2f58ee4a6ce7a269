// TrigLinseg and TrigExpseg: envelopes from each trigger against pyo 1.0.4.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel), on Metro(0.05).play()'s triggers (0, 2207):
//   TrigLinseg(m, [(0, 0), (0.01, 1), (0.02, 0.5)]): [0] 0.002268, [1] 0.004535, [100] 0.229025, [440] 1,
//     [441] 0.998866, [661] 0.749433, [881] 0.5, [2206] 0.5, [2207] 0.002268, [2400] 0.439909: pyo is one
//     sample ahead of the lines (its [k] is the line at k + 1); patchc's are exact at the breakpoints
//   TrigLinseg(m, [(0.005, 0.3), (0.01, 1)]): 0.3 until [220], [221] 0.303175, [300] 0.553968, [441] 1
//   TrigExpseg(m, [(0, 0), (0.01, 1), (0.02, 0.5)], exp=3): [0] 0, [100] 0.01166, [220] 0.124152, [441] 1,
//     [442] 0.996606, [443] 0.993228, [600] 0.630738, [881] 0.5;  inverse=False: [442] 1, [600] 0.976566,
//     [881] 0.503394, [882] 0.5
//   Without a trigger (Metro not played): both 0.
#include <gtest/gtest.h>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

const std::vector<float> kList{0, 0, 0.01f, 1, 0.02f, 0.5f};

TEST(TrigLinseg, LinesFromEachTriggerWithinASampleOfPyo) {
  const std::vector<float> y = render("TrigLinseg", {Input::signal(metroTrain(0.05f, 2500)), Input::array(kList)}, 2500);
  // Exact at the breakpoints: 0 on the trigger, 1 at 441, 0.5 from 882 on, held; again from 2207.
  EXPECT_EQ(y[0], 0.0f);
  EXPECT_NEAR(y[441], 1.0f, 1e-6);
  EXPECT_NEAR(y[882], 0.5f, 1e-6);
  EXPECT_EQ(y[2206], 0.5f);
  EXPECT_EQ(y[2207], 0.0f);
  // pyo's sample k is the line at k + 1 (one sample ahead): within 1e-5 of patchc's next sample.
  const std::pair<int, double> pyo[] = {{0, 0.002268},  {1, 0.004535},   {100, 0.229025}, {440, 1.0},
                                        {441, 0.998866}, {661, 0.749433}, {881, 0.5},      {2207, 0.002268},
                                        {2400, 0.439909}};
  for (auto [at, value] : pyo) EXPECT_NEAR(y[static_cast<size_t>(at + 1)], value, 1e-5) << at;
}

TEST(TrigLinseg, HoldsTheFirstValueUntilItsTime) {
  const std::vector<float> y =
      render("TrigLinseg", {Input::signal(metroTrain(0.05f, 500)), Input::array({0.005f, 0.3f, 0.01f, 1})}, 500);
  for (int i = 0; i <= 220; ++i) EXPECT_NEAR(y[static_cast<size_t>(i)], 0.3f, 1e-6) << i;
  // pyo: [221] 0.303175, [300] 0.553968, [441] 1 (its line from 0.3 at 220 to 1 at 440.5; patchc's from 220.5).
  EXPECT_NEAR(y[300], 0.553968, 0.7 / 220.5 + 1e-5);  // within one sample of the line
  EXPECT_NEAR(y[441], 1.0, 1e-6);
  for (float v : render("TrigLinseg", {Input::value(0.0f), Input::array(kList)}, 500)) ASSERT_EQ(v, 0.0f);
}

TEST(TrigExpseg, CurvesFromEachTriggerAsPyo) {
  const std::vector<float> y = render("TrigExpseg", {Input::signal(metroTrain(0.05f, 1000)), Input::array(kList),
                                                     Input::value(3), Input::value(1)},
                                      1000);
  const std::pair<int, double> pyo[] = {{0, 0},          {100, 0.01166},  {220, 0.124152}, {441, 1.0},
                                        {442, 0.996606}, {443, 0.993228}, {600, 0.630738}, {881, 0.5}};
  for (auto [at, value] : pyo) EXPECT_NEAR(y[static_cast<size_t>(at)], value, 1e-5) << at;
  const std::vector<float> straight = render("TrigExpseg", {Input::signal(metroTrain(0.05f, 1000)),
                                                            Input::array(kList), Input::value(3), Input::value(0)},
                                             1000);
  const std::pair<int, double> pyoNotInverse[] = {{442, 1.0}, {600, 0.976566}, {881, 0.503394}, {882, 0.5}};
  for (auto [at, value] : pyoNotInverse) EXPECT_NEAR(straight[static_cast<size_t>(at)], value, 1e-5) << at;
  for (float v : render("TrigExpseg", {Input::value(0.0f), Input::array(kList), Input::value(3), Input::value(1)}, 500))
    ASSERT_EQ(v, 0.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
