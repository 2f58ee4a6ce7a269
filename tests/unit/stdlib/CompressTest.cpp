// Compress: gain above the threshold, knee, look-ahead and the gain output against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, one channel, 32-bit float WAV:
// `Compress(Sine(440, mul=amp), ...).out()` for 1 s, amp 0.05, 0.2, 0.5, 1; the 440 Hz amplitude over samples
// [22050, 44100) (Hann window; the follower has settled) and samples 30000..30002 (patchc's agree within 3e-4:
// pyo's input is a table oscillator). The phase of pyo's output gives its look-ahead delay: 220 samples for
// lookahead 5 ms, 1103 (the whole 25 ms line) for lookahead 0.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

struct Settings {
  float thresh = -20, ratio = 2, risetime = 0.01f, falltime = 0.1f, lookahead = 5, knee = 0, outputAmp = 0;
};

std::vector<float> compress(const std::vector<float>& x, const Settings& s) {
  return render("Compress",
                {Input::signal(x), Input::value(s.thresh), Input::value(s.ratio), Input::value(s.risetime),
                 Input::value(s.falltime), Input::value(s.lookahead), Input::value(s.knee), Input::value(s.outputAmp)},
                static_cast<int>(x.size()));
}

const Settings kDefaults{};
const Settings kTutorial{.thresh = -20, .ratio = 4, .risetime = 0.005f, .falltime = 0.1f, .knee = 0.5f};  // 10-tables/04
const Settings kHard{.thresh = -30, .ratio = 8, .lookahead = 0};
const Settings kGain{.outputAmp = 1};

struct PyoCase {
  float amplitude;
  const Settings* settings;
  double level;  // at 440 Hz (the gain's mean, for outputAmp)
  float at30000[3];
};

const PyoCase kPyo[] = {
    {0.05f, &kDefaults, 0.049999, {0.035322f, 0.037470f, 0.039470f}},
    {0.05f, &kTutorial, 0.049999, {0.035322f, 0.037470f, 0.039470f}},
    {0.05f, &kHard, 0.037615, {0.034485f, 0.033485f, 0.032353f}},
    {0.05f, &kGain, 0.999999, {0.999999f, 0.999999f, 0.999999f}},
    {0.2f, &kDefaults, 0.151105, {0.106684f, 0.113171f, 0.119213f}},
    {0.2f, &kTutorial, 0.144525, {0.102003f, 0.108206f, 0.113983f}},
    {0.2f, &kHard, 0.044732, {0.041010f, 0.039820f, 0.038474f}},
    {0.2f, &kGain, 0.755728, {0.755079f, 0.755079f, 0.755082f}},
    {0.5f, &kDefaults, 0.238918, {0.168683f, 0.178939f, 0.188492f}},
    {0.5f, &kTutorial, 0.181731, {0.128262f, 0.136062f, 0.143327f}},
    {0.5f, &kHard, 0.050161, {0.045987f, 0.044652f, 0.043143f}},
    {0.5f, &kGain, 0.477964, {0.477554f, 0.477554f, 0.477556f}},
    {1.0f, &kDefaults, 0.337880, {0.238553f, 0.253058f, 0.266568f}},
    {1.0f, &kTutorial, 0.216116, {0.152530f, 0.161805f, 0.170445f}},
    {1.0f, &kHard, 0.054701, {0.050149f, 0.048694f, 0.047048f}},
    {1.0f, &kGain, 0.337972, {0.337682f, 0.337682f, 0.337683f}},
};

TEST(Compress, LevelsAndSamplesArePyos) {
  for (const PyoCase& c : kPyo) {
    std::vector<float> y = compress(sineWave(440.0, c.amplitude, 44100), *c.settings);
    double level = 0.0;
    if (c.settings->outputAmp != 0) {
      for (int i = 22050; i < 44100; ++i) level += y[i];
      level /= 22050;
    } else {
      level = std::abs(toneAt(y, 440.0, 22050, 44100));
    }
    EXPECT_NEAR(level, c.level, 0.01 * c.level) << c.amplitude << " " << c.settings->ratio;
    for (int k = 0; k < 3; ++k)
      EXPECT_NEAR(y[30000 + k], c.at30000[k], 3e-4) << c.amplitude << " " << c.settings->ratio << " at " << 30000 + k;
  }
}

TEST(Compress, LookaheadDelaysTheSignal) {
  // Below the threshold the output is the input, delayed: lookahead·sr samples, and the whole 25 ms line (1103
  // samples) for 0 or for more than 25 ms (pyo keeps 0), as pyo does.
  const std::vector<float> x = uniformNoise(3000, 8, 0.01f);
  for (auto [lookahead, delay] : {std::pair{5.0f, 220}, {1.0f, 44}, {25.0f, 1102}, {0.0f, 1103}, {40.0f, 1103}}) {
    Settings s;
    s.lookahead = lookahead;
    std::vector<float> y = compress(x, s);
    for (int i = 0; i < 3000; ++i) ASSERT_EQ(y[i], i < delay ? 0.0f : x[i - delay]) << lookahead << " at " << i;
  }
}

TEST(Compress, SteadyGainFollowsTheRatio) {
  // A constant level L dB above the threshold comes out at thresh + (L − thresh)/ratio dB (hard knee).
  for (float ratio : {2.0f, 4.0f, 10.0f}) {
    Settings s;
    s.ratio = ratio;
    s.outputAmp = 1;
    std::vector<float> y = compress(std::vector<float>(20000, 0.5f), s);  // −6.02 dB, 13.98 dB above −20
    const double expectedDb = -(13.9794 - 13.9794 / ratio);
    EXPECT_NEAR(decibels(y.back()), expectedDb, 0.01) << ratio;
  }
}

TEST(Compress, KneeRaisesTheThresholdAsPyos) {
  // pyo 1.0.4's knee moves the threshold up by 3·knee dB, and its curve below that asks only for gains above 1,
  // which are clipped: measured with `Compress(Sig(v), knee=k, outputAmp=True)`, the gain in dB after 20000
  // samples (pyo's output ×(1 − 7.7e-7), its recorder's, removed).
  struct Case {
    float level, knee;
    double gainDb;
  };
  for (Case c : {Case{0.126f, 0.0f, -1.0036}, {0.126f, 1.0f, 0.0}, {0.126f, 0.5f, -0.2536}, {0.316f, 0.0f, -4.9968},
                 {0.316f, 1.0f, -3.4968}, {0.316f, 0.5f, -4.2468}, {0.09f, 1.0f, 0.0}}) {
    Settings s;
    s.knee = c.knee;
    s.outputAmp = 1;
    EXPECT_NEAR(decibels(compress(std::vector<float>(20001, c.level), s)[20000]), c.gainDb, 0.001)
        << c.level << " knee " << c.knee;
  }
}

TEST(Compress, NeverLouderThanItsInput) {
  std::vector<float> noise = uniformNoise(20000, 9, 2.0f);
  std::vector<float> y = compress(noise, Settings{});
  for (int i = 220; i < 20000; ++i) ASSERT_LE(std::fabs(y[i]), std::fabs(noise[i - 220])) << i;
  Settings out;
  out.outputAmp = 1;
  for (float gain : compress(noise, out)) ASSERT_TRUE(gain > 0.0f && gain <= 1.0f) << gain;
}

}  // namespace
}  // namespace patchc::stdlibtest
