// RCOsc against pyo 1.0.4's measured sound.
//
// Measured with pyo 1.0.4, offline server at 44100 Hz, 32-bit float WAV: RCOsc(freq=100, sharp=S).out(), 0.5 s;
// harmonics h·100 Hz by a Hann-windowed DFT over samples [4410, 13230) (normalized as toneAt); samples 300, 350,
// 400, 430 (after pyo's ~220-sample output fade-in).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> rcosc(float freq, float sharp, int count) {
  return render("RCOsc", {Input::value(freq), Input::value(sharp)}, count);
}

TEST(RCOsc, MatchesPyosHarmonicsAndWaveform) {
  struct Pyo {
    float sharp;
    double harmonics[7];
    float samples[4];
  };
  const Pyo pyo[] = {
      {0.25f, {1.203355, 0.000024, 0.277495, 0.000028, 0.110459, 0.000029, 0.057869},
       {-0.919595f, -0.996545f, -0.999988f, -0.999999f}},
      {0.9f, {1.272334, 0.000327, 0.421722, 0.000327, 0.250233, 0.000327, 0.175852},
       {-0.999999f, -0.999999f, -0.999999f, -0.999999f}},
  };
  for (const Pyo& p : pyo) {
    std::vector<float> y = rcosc(100.0f, p.sharp, 13230);
    for (int h = 1; h <= 7; ++h) {
      double level = std::abs(toneAt(y, 100.0 * h, 4410, 13230));
      // Odd harmonics within 1 %; pyo's even ones (3e-4 at most) are its float phase's jitter.
      if (h % 2 == 1) EXPECT_NEAR(level, p.harmonics[h - 1], 0.01 * p.harmonics[h - 1]) << p.sharp << " h" << h;
      else EXPECT_LT(level, 5e-4) << p.sharp << " h" << h;
    }
    const int at[] = {300, 350, 400, 430};
    for (int k = 0; k < 4; ++k) EXPECT_NEAR(y[at[k]], p.samples[k], 2e-3) << p.sharp << " @" << at[k];
  }
}

TEST(RCOsc, RisesFromMinusOneAndStaysInRange) {
  std::vector<float> y = rcosc(100.0f, 0.25f, 44100);
  EXPECT_EQ(y[0], -1.0f);
  for (float v : y) ASSERT_LE(std::fabs(v), 1.0f);
  // sharp 0: a triangle (k = 1): straight lines from −1 to 1 over half a cycle.
  std::vector<float> triangle = rcosc(100.0f, 0.0f, 441);
  for (int i = 0; i < 220; ++i) ASSERT_NEAR(triangle[i], -1.0 + 4.0 * i / 441.0, 1e-5) << i;
}

TEST(RCOsc, NegativeOrHugeFrequencyStaysInRange) {
  for (float freq : {-100.0f, 1e6f, -3e7f})
    for (float v : rcosc(freq, 0.5f, 2000)) ASSERT_TRUE(std::fabs(v) <= 1.0f) << freq;
}

}  // namespace
}  // namespace patchc::stdlibtest
