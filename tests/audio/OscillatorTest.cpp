// Oscillators measured through the whole pipeline: frequency, amplitude, harmonics.
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <cmath>

namespace patchc::test {
namespace {

TEST(OscillatorAudio, SineHasItsFrequencyAndAmplitude) {
  auto r = renderPatch("a = Sine(440, mul=0.5).out()\n", 2.0);
  ASSERT_EQ(r.channels.size(), 2u);
  const auto& left = r.channels[0];
  EXPECT_NEAR(peakFrequency(left, r.sampleRate), 440.0, 0.5);
  EXPECT_NEAR(amplitudeAt(left, r.sampleRate, 440.0), 0.5, 0.005);
  EXPECT_NEAR(peakAbs(left), 0.5, 0.005);
  // A one-lane object goes to channel 0 only.
  EXPECT_LT(peakAbs(r.channels[1]), 1e-9);
}

TEST(OscillatorAudio, RangeMapsABipolarOscillator) {
  // Sine(.., mul, add) via range(200, 400): the output swings between 200 and 400.
  auto r = renderPatch("a = Sine(5).range(200, 400).out()\n", 1.0);
  float lo = 1e9f, hi = -1e9f;
  for (float v : r.channels[0]) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  EXPECT_NEAR(lo, 200.0f, 0.05f);
  EXPECT_NEAR(hi, 400.0f, 0.05f);
}

TEST(OscillatorAudio, SineLoopFeedbackRaisesHarmonics) {
  auto plain = renderPatch("a = SineLoop(300, feedback=0, mul=0.5).out()\n", 1.0);
  auto fed = renderPatch("a = SineLoop(300, feedback=0.5, mul=0.5).out()\n", 1.0);
  const double sr = plain.sampleRate;
  double plainSecond = amplitudeAt(plain.channels[0], sr, 600), fedSecond = amplitudeAt(fed.channels[0], sr, 600);
  double plainThird = amplitudeAt(plain.channels[0], sr, 900), fedThird = amplitudeAt(fed.channels[0], sr, 900);
  EXPECT_LT(plainSecond, 1e-3);
  EXPECT_GT(fedSecond, 0.02);
  EXPECT_GT(fedThird, plainThird * 10 + 1e-3);
  // The fundamental stays where it was.
  EXPECT_NEAR(peakFrequency(fed.channels[0], sr), 300.0, 0.5);
}

TEST(OscillatorAudio, FastSineApproximatesSine) {
  auto r = renderPatch("a = Sine(1000, mul=0.5).out(0)\nb = FastSine(1000, mul=0.5).out(1)\n", 1.0);
  EXPECT_NEAR(peakFrequency(r.channels[1], r.sampleRate), 1000.0, 0.5);
  EXPECT_NEAR(amplitudeAt(r.channels[1], r.sampleRate, 1000.0), 0.5, 0.01);
}

// Each lane of one FastSine keeps its own quality, as written (-O0) and optimized: the lane kernel read lane 0's
// quality for every lane, so FastSine(quality=[0, 1])'s second lane was the unrefined parabola (error up to 0.056
// instead of 0.0011), found by the differential fuzzer.
TEST(OscillatorAudio, FastSineLanesKeepTheirOwnQuality) {
  const std::string lanes = "a = FastSine(freq=[300, 300], quality=[0, 1], mul=0.5).out()\n";
  const std::string apart = "a = FastSine(300, quality=0, mul=0.5).out(0)\nb = FastSine(300, quality=1, mul=0.5).out(1)\n";
  for (opt::Level level : {opt::Level::O0, opt::Level::O2}) {
    CompileOptions options;
    options.optimizer.level = level;
    auto together = renderPatch(lanes, 0.2, options);
    auto separate = renderPatch(apart, 0.2, options);
    ASSERT_TRUE(together.patch && separate.patch);
    for (int channel : {0, 1}) {
      const auto& x = together.channels[static_cast<size_t>(channel)];
      const auto& y = separate.channels[static_cast<size_t>(channel)];
      EXPECT_LT(largestDifference(x, y), 1e-6)
          << "channel " << channel << " at -O" << (level == opt::Level::O0 ? "0" : "2");
    }
  }
}

TEST(OscillatorAudio, NoiseIsWhiteAndSeeded) {
  auto a = renderPatch("n = Noise(0.5).out()\n", 1.0);
  auto b = renderPatch("n = Noise(0.5).out()\n", 1.0);
  CompileOptions other;
  other.seed = 7;
  auto c = renderPatch("n = Noise(0.5).out()\n", 1.0, other);
  EXPECT_EQ(a.channels[0], b.channels[0]);
  EXPECT_NE(a.channels[0], c.channels[0]);
  // Uniform in [-0.5, 0.5): RMS 0.5/sqrt(3); flat: each half of the spectrum holds half of the energy.
  EXPECT_NEAR(rms(a.channels[0]), 0.5 / std::sqrt(3.0), 0.01);
  EXPECT_NEAR(bandEnergy(a.channels[0], a.sampleRate, 0, 11025), 0.5, 0.03);
}

}  // namespace
}  // namespace patchc::test
