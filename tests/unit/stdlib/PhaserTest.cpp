// Phaser: the output is the allpass chain alone (as pyo's), so mixing it with its input notches the spectrum.
// patchc places stage k at freq · spread^k (the documented intent; pyo 1.0.4's notches barely follow freq).
#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr double kSr = kSampleRate;

struct PhaserSettings {
  float freq = 1000.0f, spread = 1.1f, q = 10.0f, feedback = 0.0f, num = 8.0f;
};

// The measured response (output / input) of a Phaser at `freq`, in the steady state.
std::complex<double> measuredResponse(const PhaserSettings& s, double freq) {
  const int count = 44100;
  std::vector<float> x = sineWave(freq, 1.0, count);
  std::vector<float> y = render("Phaser",
                                {Input::signal(x), Input::value(s.freq), Input::value(s.spread), Input::value(s.q),
                                 Input::value(s.feedback), Input::value(s.num)},
                                count);
  return toneAt(y, freq, count / 2, count) / toneAt(x, freq, count / 2, count);
}

// Analytic: a chain of second-order allpasses (1 - α - 2cos ω0 z^-1 + (1 + α) z^-2) / (1 + α - 2cos ω0 z^-1 +
// (1 - α) z^-2), ω0 at freq · spread^k, α = sin ω0 / (2q), closed by feedback: H = A / (1 - feedback z^-1 A).
std::complex<double> analyticResponse(const PhaserSettings& s, double freq) {
  std::complex<double> z1 = std::polar(1.0, -2.0 * M_PI * freq / kSr), z2 = z1 * z1;
  std::complex<double> chain = 1.0;
  double stageFreq = s.freq;
  for (int k = 0; k < static_cast<int>(s.num); ++k) {
    double w0 = 2.0 * M_PI * stageFreq / kSr, alpha = std::sin(w0) / (2.0 * s.q), cw = std::cos(w0);
    chain *= ((1 - alpha) - 2 * cw * z1 + (1 + alpha) * z2) / ((1 + alpha) - 2 * cw * z1 + (1 - alpha) * z2);
    stageFreq *= s.spread;
  }
  return chain / (1.0 - static_cast<double>(s.feedback) * z1 * chain);
}

TEST(Phaser, WithoutFeedbackItIsAnAllpass) {
  for (double freq : {100.0, 1000.0, 1100.0, 3000.0, 12000.0})
    EXPECT_NEAR(std::abs(measuredResponse({}, freq)), 1.0, 2e-3) << freq;
}

TEST(Phaser, OneStageMixedWithInputNotchesAtFreq) {
  for (float notch : {500.0f, 2000.0f}) {
    PhaserSettings s{.freq = notch, .num = 1.0f};
    // (input + output) / 2 at the notch, an octave below and an octave above.
    EXPECT_LT(decibels(std::abs(1.0 + measuredResponse(s, notch)) / 2), -50.0) << notch;
    EXPECT_GT(decibels(std::abs(1.0 + measuredResponse(s, notch / 2)) / 2), -1.0) << notch;
    EXPECT_GT(decibels(std::abs(1.0 + measuredResponse(s, notch * 2)) / 2), -1.0) << notch;
  }
}

TEST(Phaser, StagePhasesFollowFreqAndSpread) {
  // The phase of the whole chain against the analytic chain, for two freqs: the notches move with freq.
  for (float base : {400.0f, 1600.0f})
    for (double freq : {300.0, 500.0, 1000.0, 1700.0, 2500.0}) {
      PhaserSettings s{.freq = base, .spread = 1.3f, .q = 4.0f};
      std::complex<double> measured = measuredResponse(s, freq), expected = analyticResponse(s, freq);
      EXPECT_NEAR(std::abs(measured - expected), 0.0, 5e-3) << base << " Hz chain at " << freq << " Hz";
    }
  // And the responses at one frequency differ between the two freqs.
  PhaserSettings low{.freq = 400.0f}, high{.freq = 1600.0f};
  EXPECT_GT(std::abs(measuredResponse(low, 1000.0) - measuredResponse(high, 1000.0)), 0.5);
}

TEST(Phaser, NotchOfTheMixMovesWithFreq) {
  // The lowest notch of (input + output) / 2, found on the analytic response and confirmed by measurement,
  // scales with freq. (With several broad stages the phases add up, so it sits near, not at, freq: stage 0 alone
  // turns by -π at freq, see OneStageMixedWithInputNotchesAtFreq.)
  auto lowestNotch = [](float base) {
    PhaserSettings s{.freq = base, .spread = 1.5f, .q = 2.0f, .num = 4.0f};
    double previous = 2.0, where = 0.0;
    for (double f = 50.0; f < 15000.0; f *= 1.002) {
      double g = std::abs(1.0 + analyticResponse(s, f)) / 2;
      if (g > previous && previous < 0.1) break;  // just past the first deep minimum
      previous = g;
      where = f;
    }
    EXPECT_LT(decibels(std::abs(1.0 + measuredResponse(s, where)) / 2), -25.0) << base;
    return where;
  };
  double low = lowestNotch(300.0f), high = lowestNotch(1200.0f);
  EXPECT_GT(low, 300.0 / 2);
  EXPECT_LT(low, 300.0 * 1.5 * 1.5);
  EXPECT_NEAR(high / low, 4.0, 0.2);
}

TEST(Phaser, FeedbackMatchesAnalyticLoop) {
  for (float feedback : {0.5f, -0.7f, 0.95f}) {
    PhaserSettings s{.freq = 800.0f, .spread = 1.2f, .q = 3.0f, .feedback = feedback, .num = 4.0f};
    for (double freq : {300.0, 800.0, 2000.0}) {
      std::complex<double> measured = measuredResponse(s, freq), expected = analyticResponse(s, freq);
      EXPECT_NEAR(std::abs(measured - expected) / std::abs(expected), 0.0, 1e-2) << feedback << " at " << freq;
    }
  }
}

TEST(Phaser, SweptAndFedBackStaysFinite) {
  const int count = 44100 * 2;
  std::vector<float> x = uniformNoise(count, 3), lfo(count);
  for (int i = 0; i < count; ++i) lfo[i] = 300.0f + 200.0f * std::sin(2.0f * kernel::kPi * 0.25f * i / 44100.0f);
  std::vector<float> y = render("Phaser",
                                {Input::signal(x), Input::signal(lfo), Input::value(1.1f), Input::value(20.0f),
                                 Input::value(1.0f), Input::value(8.0f)},
                                count);
  for (float v : y) ASSERT_TRUE(std::isfinite(v));
  EXPECT_LT(rms(y, count / 2, count), 50.0);
}

TEST(Phaser, StateGrowsWithNum) {
  const ObjectSpec* spec = Registry::builtin().find("Phaser");
  ASSERT_NE(spec, nullptr);
  ConstantInputs eight{{NAN, 1000, 1.1f, 10, 0, 8}}, forty{{NAN, 1000, 1.1f, 10, 0, 40}};
  EXPECT_GT(spec->laneStateBytes(forty, kSr), spec->laneStateBytes(eight, kSr));
  // 40 stages run without writing past their state (the harness checks guard bytes).
  std::vector<float> y = render("Phaser",
                                {Input::signal(uniformNoise(1000, 1)), Input::value(100.0f), Input::value(1.1f),
                                 Input::value(10.0f), Input::value(0.0f), Input::value(40.0f)},
                                1000);
  EXPECT_EQ(y.size(), 1000u);
}

}  // namespace
}  // namespace patchc::stdlibtest
