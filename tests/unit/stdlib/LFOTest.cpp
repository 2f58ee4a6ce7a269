// LFO: the eight shapes against pyo 1.0.4's measured sound.
//
// Measured with pyo 1.0.4 (python3-pyo), offline server at 44100 Hz, 32-bit float WAV:
//   LFO(freq=100, sharp=0.5, type=T).out(), 0.5 s; harmonics h·100 Hz by a Hann-windowed DFT over samples
//   [4410, 13230) (20 periods; normalized as toneAt: a sine of amplitude A measures A); samples 300, 350, 400, 430
//   (after pyo's output fade-in of ~220 samples, before its float phase drifts: at sample 4410 pyo's saw reads
//   −0.0025 where the exact phase gives 0).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> lfo(float freq, float sharp, float type, int count, uint32_t seed = 1) {
  RenderOptions options;
  options.seed = seed;
  return render("LFO", {Input::value(freq), Input::value(sharp), Input::value(type)}, count, options);
}

struct PyoShape {
  int type;
  double harmonics[6];  // |h·100 Hz|, h = 1..6
  float samples[4];     // samples 300, 350, 400, 430
};

const PyoShape kPyo[] = {
    {0, {0.633089, 0.311330, 0.201935, 0.145814, 0.111189, 0.087484}, {0.360547f, 0.587306f, 0.813979f, 0.823390f}},
    {1, {0.633089, 0.311330, 0.201935, 0.145814, 0.111189, 0.087484}, {-0.360547f, -0.587306f, -0.813979f, -0.823390f}},
    {2, {1.226954, 0.000011, 0.379791, 0.000011, 0.211609, 0.000010}, {-0.973976f, -0.975517f, -0.957308f, -0.851652f}},
    {3, {0.844565, 0.000002, 0.094242, 0.000001, 0.022520, 0.000001}, {-0.766278f, -0.869897f, -0.381735f, -0.099958f}},
    {4, {0.000002, 0.234605, 0.000001, 0.196448, 0.000001, 0.147410}, {0.043782f, 0.237812f, 0.0f, 0.0f}},
    {5, {0.245383, 0.000001, 0.217785, 0.000001, 0.172386, 0.000000}, {-0.043782f, -0.237812f, 0.0f, 0.0f}},
    {7, {0.750020, 0.000013, 0.0, 0.0, 0.0, 0.0}, {-0.560447f, -0.532760f, -0.282456f, -0.078229f}},
};

TEST(LFO, ShapesMatchPyosHarmonicsAndWaveform) {
  for (const PyoShape& pyo : kPyo) {
    std::vector<float> y = lfo(100.0f, 0.5f, static_cast<float>(pyo.type), 13230);
    for (int h = 1; h <= 6; ++h) {
      double level = std::abs(toneAt(y, 100.0 * h, 4410, 13230));
      // Within 1 % of pyo's level, or as absent as pyo's (its float phase leaks 1e-5 into missing harmonics).
      EXPECT_NEAR(level, pyo.harmonics[h - 1], std::max(0.01 * pyo.harmonics[h - 1], 2e-5))
          << "type " << pyo.type << " harmonic " << h;
    }
    const int at[] = {300, 350, 400, 430};
    for (int k = 0; k < 4; ++k) EXPECT_NEAR(y[at[k]], pyo.samples[k], 2e-3) << "type " << pyo.type << " @" << at[k];
    for (float v : y) ASSERT_LE(std::fabs(v), 1.0f) << "type " << pyo.type;
  }
}

TEST(LFO, SawHarmonicsAreCappedBelowAQuarterOfTheRate) {
  // pyo 1.0.4: LFO(freq=1000, sharp=0.5, type=0): 27 harmonics wanted, at most 44100/4/1000 = 11.
  const double pyo[] = {0.615756, 0.279298, 0.159501, 0.097639, 0.061312, 0.038886, 0.024761};
  std::vector<float> y = lfo(1000.0f, 0.5f, 0.0f, 13230);
  for (int h = 1; h <= 7; ++h)
    EXPECT_NEAR(std::abs(toneAt(y, 1000.0 * h, 4410, 13230)), pyo[h - 1], 0.01 * pyo[h - 1]) << h;
}

TEST(LFO, StartsAtPhaseZero) {
  EXPECT_EQ(lfo(100.0f, 0.5f, 0.0f, 4)[0], 0.0f);  // saw: q = 0 at p = 0
  EXPECT_EQ(lfo(100.0f, 0.5f, 2.0f, 4)[0], 0.0f);  // square: atan(n·sin 0)
}

TEST(LFO, SampleAndHoldStepsOncePerCycleWithACrossfade) {
  // pyo 1.0.4, LFO(freq=44100/512, sharp=0.5, type=6) (a phase step of exactly 1/512): the value holds through
  // sample 511 (the phase wraps there; that sample still outputs the old value), changes from sample 512 on in a
  // raised-cosine crossfade of floor(0.5·512) = 256 steps, and holds from sample 767 (767 == 768 == ... in pyo).
  std::vector<float> y = lfo(44100.0f / 512.0f, 0.5f, 6.0f, 44100);
  for (int i = 1; i < 512; ++i) ASSERT_EQ(y[i], y[0]) << i;
  for (int cycle = 1; cycle < 80; ++cycle) {
    const int start = 512 * cycle - 1;  // the wrap sample
    EXPECT_EQ(y[start], y[start - 1]) << cycle;
    EXPECT_NE(y[start + 1], y[start]) << cycle;
    // Halfway through the crossfade: the mean of the old and the new value.
    EXPECT_NEAR(y[start + 128], 0.5f * (y[start] + y[start + 256]), 1e-5) << cycle;
    for (int i = start + 256; i < start + 512; ++i) ASSERT_EQ(y[i], y[start + 256]) << i;
  }
  // Statistics of the held values: uniform in [−1, 1) (pyo: RANDOM_UNIFORM·2 − 1).
  double sum = 0.0, squares = 0.0;
  int count = 0;
  std::vector<float> many = lfo(1000.0f, 1.0f, 6.0f, 441000);
  for (size_t i = 40; i < many.size(); i += 44) {
    sum += many[i];
    squares += many[i] * many[i];
    ++count;
  }
  EXPECT_NEAR(sum / count, 0.0, 0.03);
  EXPECT_NEAR(squares / count, 1.0 / 3.0, 0.03);
  for (float v : many) ASSERT_LE(std::fabs(v), 1.0f);
  EXPECT_NE(lfo(100.0f, 0.5f, 6.0f, 1000, 2)[0], y[0]);  // seeded per lane
}

TEST(LFO, SharpOneSampleAndHoldSteps) {
  std::vector<float> y = lfo(44100.0f / 512.0f, 1.0f, 6.0f, 2000);
  EXPECT_EQ(y[511], y[510]);  // the old value on the wrap sample, the new one after
  EXPECT_NE(y[512], y[511]);
  for (int i = 513; i < 1023; ++i) ASSERT_EQ(y[i], y[512]) << i;
}

TEST(LFO, TypeOutsideItsRangeIsSilent) {
  for (float v : lfo(100.0f, 0.5f, 9.0f, 300)) ASSERT_EQ(v, 0.0f);
  for (float v : lfo(100.0f, 0.5f, -1.0f, 300)) ASSERT_EQ(v, 0.0f);
}

TEST(LFO, FrequencyIsInTune) {
  std::vector<float> y = lfo(441.0f, 0.5f, 2.0f, 44100);
  // The square's fundamental at 441 Hz, none at 441·1.001 Hz's bin offset: one cycle is exactly 100 samples.
  for (int i = 1000; i < 44000; ++i) ASSERT_NEAR(y[i], y[i - 100], 1e-5) << i;
}

}  // namespace
}  // namespace patchc::stdlibtest
