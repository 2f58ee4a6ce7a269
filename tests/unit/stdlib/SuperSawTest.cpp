// SuperSaw against pyo 1.0.4's measured sound.
//
// Measured with pyo 1.0.4, offline server at 44100 Hz, 32-bit float WAV:
//   SuperSaw(freq=100, detune=0, bal=0.7): harmonics h·100 Hz by a Hann-windowed DFT over samples [4410, 13230)
//     (normalized as toneAt): the seven saws in tune, a quarter of a half-cycle apart, cancel all but every 8th
//     harmonic of the centre pattern: the table below;
//   SuperSaw(100, 0.5, 0.7): RMS 0.079966 over samples [4410, 44100), peak 0.3408;
//   SuperSaw(220, 0.9, 0.3): RMS 0.143451, peak 0.8768.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> supersaw(float freq, float detune, float bal, int count) {
  return render("SuperSaw", {Input::value(freq), Input::value(detune), Input::value(bal)}, count);
}

TEST(SuperSaw, InTuneSawsMatchPyosHarmonics) {
  const double pyo[] = {0.080266, 0.036464, 0.027688, 0.016671, 0.015737,
                        0.010416, 0.010192, 0.063871, 0.010081, 0.007012};
  std::vector<float> y = supersaw(100.0f, 0.0f, 0.7f, 13230);
  for (int h = 1; h <= 10; ++h)
    EXPECT_NEAR(std::abs(toneAt(y, 100.0 * h, 4410, 13230)), pyo[h - 1], 0.01 * pyo[h - 1]) << h;
}

TEST(SuperSaw, DetunedLevelsMatchPyo) {
  struct Pyo {
    float freq, detune, bal;
    double rms, peak;
  };
  for (const Pyo& p : {Pyo{100.0f, 0.5f, 0.7f, 0.079966, 0.3408}, Pyo{220.0f, 0.9f, 0.3f, 0.143451, 0.8768}}) {
    std::vector<float> y = supersaw(p.freq, p.detune, p.bal, 44100);
    EXPECT_NEAR(rms(y, 4410, 44100), p.rms, 0.01 * p.rms) << p.freq;
    float peak = 0.0f;
    for (size_t i = 4410; i < y.size(); ++i) peak = std::max(peak, std::fabs(y[i]));
    EXPECT_NEAR(peak, p.peak, 0.03 * p.peak) << p.freq;
  }
}

TEST(SuperSaw, SurvivesExtremeParameters) {
  for (float freq : {-5.0f, 0.0f, 1e6f})
    for (float v : supersaw(freq, 2.0f, -1.0f, 5000)) ASSERT_TRUE(std::isfinite(v)) << freq;
}

}  // namespace
}  // namespace patchc::stdlibtest
