// Harmonizer: pitch, level and samples against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, one channel, 32-bit float WAV:
// `Harmonizer(Sine(440), ...).out()` for 1 s. Over samples [4410, 44100) (after pyo's fade-in), with a Hann
// window: the strongest frequency (golden-section search of the windowed DFT) and the tone's amplitude there:
//   transpo -7:                 293.672 Hz (440·2^(-7/12) = 293.665), amplitude 1.27275
//   transpo 5, winsize 0.05:    587.336 Hz (587.330),                 amplitude 1.27277
//   transpo -7, feedback 0.5:   293.672 Hz,                           amplitude 1.27263
//   transpo 12, winsize 0.2:    879.971 Hz (880),                     amplitude 1.2716
// and pyo's samples 10000..10005 and 30000..30005 (below).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> harmonize(const std::vector<float>& x, float transpo, float feedback, float winsize) {
  return render("Harmonizer", {Input::signal(x), Input::value(transpo), Input::value(feedback), Input::value(winsize)},
                static_cast<int>(x.size()));
}

struct PyoCase {
  float transpo, feedback, winsize;
  double amplitude;
  float at10000[6], at30000[6];
};

const PyoCase kPyo[] = {
    {-7, 0, 0.1f, 1.27275, {-0.763499f, -0.812681f, -0.860136f, -0.906416f, -0.951141f, -0.993765f},
     {-1.393325f, -1.381847f, -1.368273f, -1.352941f, -1.334283f, -1.313612f}},
    {5, 0, 0.05f, 1.27277, {0.96556f, 0.998762f, 1.02436f, 1.043038f, 1.054857f, 1.058628f},
     {-0.350869f, -0.442163f, -0.530166f, -0.614792f, -0.695223f, -0.770551f}},
    {-7, 0.5f, 0.1f, 1.27263, {-0.343831f, -0.398267f, -0.451263f, -0.503269f, -0.553964f, -0.603116f},
     {-0.796052f, -0.783573f, -0.769348f, -0.753637f, -0.735131f, -0.715016f}},
    {12, 0, 0.2f, 1.2716, {-0.324121f, -0.481707f, -0.631748f, -0.771925f, -0.90001f, -1.013997f},
     {-0.851982f, -0.960778f, -1.05446f, -1.131564f, -1.19087f, -1.231449f}},
};

TEST(Harmonizer, TransposesASineByTranspoSemitonesAtPyosLevel) {
  const std::vector<float> x = sineWave(440.0, 1.0, 44100);
  for (const PyoCase& c : kPyo) {
    std::vector<float> y = harmonize(x, c.transpo, c.feedback, c.winsize);
    const double expected = 440.0 * std::exp2(c.transpo / 12.0);
    // The tone at the transposed pitch carries the level, and nothing is left at the input's pitch or beside it.
    double level = std::abs(toneAt(y, expected, 4410, 44100));
    EXPECT_NEAR(level, c.amplitude, 0.01 * c.amplitude) << c.transpo;
    for (double off : {0.995, 1.005})  // 0.5 % away the windowed tone is down by far more than 0.1 % detuning gives
      EXPECT_LT(std::abs(toneAt(y, expected * off, 4410, 44100)), 0.5 * level) << c.transpo << " at " << off;
    EXPECT_LT(std::abs(toneAt(y, 440.0, 4410, 44100)), 0.02) << c.transpo;
  }
}

TEST(Harmonizer, SamplesFollowPyos) {
  // The same algorithm, the heads' phase stepped in float as pyo's: pyo's samples 10000 and 30000 samples in (its
  // input is a table oscillator, its window a table: they part by about 1e-3 after 0.7 s).
  const std::vector<float> x = sineWave(440.0, 1.0, 30006);
  for (const PyoCase& c : kPyo) {
    std::vector<float> y = harmonize(x, c.transpo, c.feedback, c.winsize);
    for (int k = 0; k < 6; ++k) {
      EXPECT_NEAR(y[10000 + k], c.at10000[k], 5e-4) << c.transpo << " at " << 10000 + k;
      EXPECT_NEAR(y[30000 + k], c.at30000[k], 2e-3) << c.transpo << " at " << 30000 + k;
    }
  }
}

TEST(Harmonizer, PitchIsExactOverLongWindows) {
  // The heads play the input at 2^(transpo/12) exactly: a 10 s window resolves 0.01 % of the pitch.
  const int count = 441000;
  const std::vector<float> x = sineWave(440.0, 1.0, count);
  for (float transpo : {-7.0f, 3.0f, -12.0f}) {
    std::vector<float> y = harmonize(x, transpo, 0.0f, 0.1f);
    const double expected = 440.0 * std::exp2(transpo / 12.0);
    double at = std::abs(toneAt(y, expected, 0, count));
    for (double off : {0.999, 1.001}) EXPECT_LT(std::abs(toneAt(y, expected * off, 0, count)), 0.2 * at) << transpo;
  }
}

TEST(Harmonizer, ZeroTranspositionDelaysBy) {
  // transpo 0: the heads stand still at delay 0 and winsize/2 under windows 0 and 1: a pure delay of winsize/2
  // (0.1f·44100/2 = 2205.00003 samples: the interpolation leaves 3e-5 on the next sample).
  std::vector<float> y = harmonize(impulse(8000), 0.0f, 0.0f, 0.1f);
  for (int i = 0; i < 8000; ++i) ASSERT_NEAR(y[i], i == 2205 ? 1.0f : 0.0f, 1e-4) << i;
}

TEST(Harmonizer, WinsizeOutsideZeroOneIsPyosDefault) {
  const std::vector<float> x = sineWave(440.0, 1.0, 8000);
  const std::vector<float> byDefault = harmonize(x, -7.0f, 0.0f, 0.1f);
  for (float winsize : {0.0f, -0.5f, 1.5f}) EXPECT_EQ(harmonize(x, -7.0f, 0.0f, winsize), byDefault) << winsize;
  EXPECT_NE(harmonize(x, -7.0f, 0.0f, 1.0f), byDefault);
}

TEST(Harmonizer, FeedbackRepeatsAndDies) {
  // feedback 0.5 at transpo 0: the impulse comes back every winsize/2, each time half as loud (through the DC
  // blocker, which takes a little off); feedback is clamped to 0..1 as pyo does.
  std::vector<float> y = harmonize(impulse(8000), 0.0f, 0.5f, 0.1f);
  EXPECT_NEAR(y[2205], 1.0f, 1e-4);
  EXPECT_NEAR(y[4410], 0.5f, 1e-3);
  EXPECT_NEAR(y[6615], 0.25f, 1e-3);
  EXPECT_EQ(harmonize(impulse(8000), 0.0f, 3.0f, 0.1f), harmonize(impulse(8000), 0.0f, 1.0f, 0.1f));
  EXPECT_EQ(harmonize(impulse(8000), 0.0f, -1.0f, 0.1f), harmonize(impulse(8000), 0.0f, 0.0f, 0.1f));
}

TEST(Harmonizer, FarTranspositionsStayFinite) {
  // A step of more than a window per sample, a NaN transposition: the heads stay on the line.
  std::vector<float> x = sineWave(440.0, 1.0, 4000);
  for (float transpo : {119.0f, -119.0f, 1e30f, NAN}) {
    std::vector<float> transpos(4000, transpo);
    std::vector<float> y = render("Harmonizer", {Input::signal(x), Input::signal(transpos), Input::value(0.9f),
                                                 Input::value(0.01f)}, 4000);
    for (float v : y) ASSERT_TRUE(std::isfinite(v)) << transpo;
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
