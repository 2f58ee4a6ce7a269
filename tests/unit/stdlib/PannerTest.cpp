// Pan and SPan: each input stream becomes `outs` streams, one per channel, with pyo 1.0.4's gains.
//
// Measured with pyo 1.0.4 (offline server, nchnls=4, `p = Pan(Sine(500), ...).out()`, 0.6 s; the amplitude of
// the 500 Hz tone in each channel from a Hann-windowed DFT over samples 8192..24576):
//   Pan(outs=2, pan=0.3)               0.890995 0.453984            (cos, sin of 0.3·π/2)
//   Pan(outs=4, pan=0.3, spread=0.5)   0.001779 0.862753 0.080028 0
//   Pan(outs=3, pan=0.9, spread=0.2)   0.326396 0        0.001329
//   SPan(outs=2, pan=0.3)              0.836649 0.547715            (√0.7, √0.3)
//   SPan(outs=4, pan=0.3)              0        0.894415 0.447208 0 (√0.8, √0.2 between channels 1 and 2)
//   SPan(outs=3, pan=0.95)             0.921942 0        0.387293   (between the last channel and the first)
//   Pan(outs=1)                        0.999987                     (the input)
// The stream order (the object's streams: len(Pan(Sine([500, 1500]), outs=2)) == 4) is in tests/lit/graph.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr int kCount = 26000;

std::vector<double> toneLevels(const std::string& object, std::vector<Input> inputs) {
  auto outputs = renderOutputs(object, inputs, kCount);
  std::vector<double> levels;
  for (const auto& x : outputs) levels.push_back(std::abs(toneAt(x, 500.0, 8192, 8192 + 16384)));
  return levels;
}

void expectLevels(const std::vector<double>& measured, const std::vector<double>& pyo, const char* what) {
  ASSERT_EQ(measured.size(), pyo.size()) << what;
  for (size_t k = 0; k < pyo.size(); ++k)
    EXPECT_NEAR(measured[k], pyo[k], std::max(0.01 * pyo[k], 2e-5)) << what << " channel " << k;
}

Input sine() { return Input::signal(sineWave(500.0, 1.0, kCount)); }

TEST(Pan, TwoOutputsAreCosineAndSine) {
  expectLevels(toneLevels("Pan", {sine(), Input::value(2), Input::value(0.3f), Input::value(0.5f)}),
               {0.890995, 0.453984}, "Pan(outs=2, pan=0.3)");
}

TEST(Pan, MoreOutputsSpreadByTheSpread) {
  expectLevels(toneLevels("Pan", {sine(), Input::value(4), Input::value(0.3f), Input::value(0.5f)}),
               {0.001779, 0.862753, 0.080028, 0.0}, "Pan(outs=4, pan=0.3, spread=0.5)");
  expectLevels(toneLevels("Pan", {sine(), Input::value(3), Input::value(0.9f), Input::value(0.2f)}),
               {0.326396, 0.0, 0.001329}, "Pan(outs=3, pan=0.9, spread=0.2)");
}

TEST(Pan, OneOutputIsTheInput) {
  auto outputs = renderOutputs("Pan", {sine(), Input::value(1), Input::value(0.3f), Input::value(0.5f)}, kCount);
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(outputs[0], sineWave(500.0, 1.0, kCount));
}

TEST(Pan, APanSignalIsReadPerSampleAndClipped) {
  // pan sweeping 0 → 1.5 over the render: each sample's gains are those of its own (clipped) pan value.
  std::vector<float> pan(kCount), one(kCount, 1.0f);
  for (int i = 0; i < kCount; ++i) pan[i] = 1.5f * static_cast<float>(i) / kCount;
  auto outputs = renderOutputs("Pan", {Input::signal(one), Input::value(2), Input::signal(pan), Input::value(0.5f)},
                               kCount);
  for (int i : {0, 5000, 17000, 25999}) {
    const double p = std::min(1.0, static_cast<double>(pan[i]));
    EXPECT_NEAR(outputs[0][i], std::cos(p * M_PI / 2), 1e-6) << i;
    EXPECT_NEAR(outputs[1][i], std::sin(p * M_PI / 2), 1e-6) << i;
  }
}

TEST(SPan, TwoOutputsAreEqualPower) {
  expectLevels(toneLevels("SPan", {sine(), Input::value(2), Input::value(0.3f)}), {0.836649, 0.547715},
               "SPan(outs=2, pan=0.3)");
}

TEST(SPan, MoreOutputsShareTheTwoNearestChannels) {
  expectLevels(toneLevels("SPan", {sine(), Input::value(4), Input::value(0.3f)}), {0.0, 0.894415, 0.447208, 0.0},
               "SPan(outs=4, pan=0.3)");
  expectLevels(toneLevels("SPan", {sine(), Input::value(3), Input::value(0.95f)}), {0.921942, 0.0, 0.387293},
               "SPan(outs=3, pan=0.95)");
}

TEST(SPan, PanningKeepsThePower) {
  // Equal power: the outputs' squares sum to the input's square at every position.
  std::vector<float> pan(kCount), one(kCount, 1.0f);
  for (int i = 0; i < kCount; ++i) pan[i] = static_cast<float>(i) / kCount;
  for (int outs : {2, 3, 5}) {
    auto outputs = renderOutputs("SPan", {Input::signal(one), Input::value(static_cast<float>(outs)),
                                          Input::signal(pan)},
                                 kCount);
    ASSERT_EQ(outputs.size(), static_cast<size_t>(outs));
    for (int i = 0; i < kCount; i += 97) {
      double power = 0.0;
      for (const auto& x : outputs) power += static_cast<double>(x[i]) * x[i];
      EXPECT_NEAR(power, 1.0, 1e-5) << outs << " outputs, sample " << i;
    }
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
