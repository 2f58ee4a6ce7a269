// Chorus: samples, level and its movement against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, one channel, 32-bit float WAV:
// `Chorus(Sine(440), ...).out()` for 2 s; samples 10000..10003 and 60000..60003, the RMS over [4410, 88200)
// (after pyo's fade-in), and, wet only, the RMS of the 100 ms windows starting at 0.2, 0.4, ... 1.8 s (the
// beating of the 8 moving voices: the chorus's modulation).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> chorus(const std::vector<float>& x, float depth, float feedback, float bal, float sampleRate = kSampleRate) {
  return render("Chorus", {Input::signal(x), Input::value(depth), Input::value(feedback), Input::value(bal)},
                static_cast<int>(x.size()), {.sampleRate = sampleRate});
}

struct PyoCase {
  float depth, feedback, bal;
  double rms;
  float at10000[4], at60000[4];
};

const PyoCase kPyo[] = {
    {1, 0.25f, 0.5f, 0.46281, {-0.876666f, -0.892438f, -0.904689f, -0.913378f}, {-0.546846f, -0.564297f, -0.579514f, -0.592439f}},
    {1, 0, 1, 0.47415, {-0.656272f, -0.690639f, -0.722279f, -0.751068f}, {-0.269435f, -0.259593f, -0.248693f, -0.236784f}},
    {3, 0.5f, 1, 0.56139, {0.606504f, 0.584095f, 0.559265f, 0.532124f}, {0.308803f, 0.311808f, 0.313672f, 0.314391f}},
    {5, 0.9f, 0.7f, 0.80593, {-0.235394f, -0.239745f, -0.241774f, -0.241429f}, {-1.043574f, -1.134057f, -1.218044f, -1.294701f}},
};

TEST(Chorus, SamplesAndLevelArePyos) {
  const std::vector<float> x = sineWave(440.0, 1.0, 88200);
  for (const PyoCase& c : kPyo) {
    std::vector<float> y = chorus(x, c.depth, c.feedback, c.bal);
    for (int k = 0; k < 4; ++k) {
      // pyo's input is a table oscillator; with feedback 0.9 the small differences add up over 1.4 s.
      EXPECT_NEAR(y[10000 + k], c.at10000[k], 3e-4) << c.depth << " at " << 10000 + k;
      EXPECT_NEAR(y[60000 + k], c.at60000[k], 2.5e-3) << c.depth << " at " << 60000 + k;
    }
    EXPECT_NEAR(rms(y, 4410, 88200), c.rms, 0.01 * c.rms) << c.depth;
  }
}

TEST(Chorus, VoicesBeatAsPyos) {
  const double pyoWet[] = {0.5146, 0.7724, 0.2481, 0.1134, 0.5335, 0.3743, 0.6496, 0.2375, 0.4394};
  std::vector<float> y = chorus(sineWave(440.0, 1.0, 88200), 1.0f, 0.0f, 1.0f);
  for (int k = 0; k < 9; ++k) {
    const int begin = 4410 * (2 + 2 * k);
    EXPECT_NEAR(rms(y, begin, begin + 4410), pyoWet[k], 0.01 * pyoWet[k]) << "window at " << begin;
  }
}

TEST(Chorus, BalanceZeroIsDryAndDepthZeroIsFixedDelays) {
  const std::vector<float> x = uniformNoise(5000, 3);
  EXPECT_EQ(chorus(x, 1.0f, 0.25f, 0.0f), x);
  // depth 0, no feedback: the wet signal is a quarter of the impulse at each centre delay.
  std::vector<float> y = chorus(impulse(1000), 0.0f, 0.0f, 1.0f);
  for (int delay : {384, 450, 489, 553, 591, 662, 753, 785}) EXPECT_NEAR(y[delay], 0.25f, 1e-6) << delay;
  double elsewhere = 0.0;
  for (int i = 0; i < 1000; ++i) elsewhere += std::abs(y[i]);
  EXPECT_NEAR(elsewhere, 2.0, 1e-5);
}

TEST(Chorus, ParametersAreClampedAsPyo) {
  const std::vector<float> x = uniformNoise(20000, 4);
  EXPECT_EQ(chorus(x, 9.0f, 1.5f, 2.0f), chorus(x, 5.0f, 1.0f, 1.0f));
  EXPECT_EQ(chorus(x, -1.0f, -0.5f, -1.0f), chorus(x, 0.0f, 0.0f, 0.0f));
}

TEST(Chorus, ScalesWithSampleRate) {
  // At 96 kHz the centre delays scale by 96000/44100: the first voice at 384·2.177 = 835.9 samples.
  std::vector<float> y = chorus(impulse(2000), 0.0f, 0.0f, 1.0f, 96000.0f);
  for (int i = 0; i < 835; ++i) ASSERT_EQ(y[i], 0.0f) << i;
  EXPECT_NEAR(y[835] + y[836], 0.25f, 1e-4);  // (positions in float: a fraction rounded to 2^-16)
}

}  // namespace
}  // namespace patchc::stdlibtest
