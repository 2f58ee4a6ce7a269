// FreqShift: the shifted frequency, its level, the other sideband and samples against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, one channel, 32-bit float WAV:
// `FreqShift(Sine(f), shift=s).out()` for 1 s; over samples [4410, 44100) (after pyo's fade-in), Hann-windowed:
// the strongest frequency is f + s within 0.001 Hz (440+100, 440−50, 100+100, 1000+100, 5000+300, 50+20), its
// amplitude 0.70698 in every case (pyo's Sines of amplitude 0.707 times the allpasses' unit gain), and the
// other sideband |f − s| at 0.00111 (440±), 0.000874 (100−100: DC), 0.00114 (1000−100), 2e-6 (5000−300),
// 0.000697 (50−20): 56 to 60 dB down, and nothing above 2 kHz. Samples 10000..10003 below; the other sideband
// of a 50 Hz shift at five frequencies in UnwantedSidebandAcrossTheBandIsPyos.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/Analysis.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> shifted(const std::vector<float>& x, const Input& shift) {
  return render("FreqShift", {Input::signal(x), shift}, static_cast<int>(x.size()));
}

struct PyoCase {
  double freq, shift;
  double otherSideband;
  float at10000[4];
};

const PyoCase kPyo[] = {
    {440, 100, 0.00111, {-0.416152f, -0.458795f, -0.498722f, -0.535695f}},
    {440, -50, 0.00111, {-0.364971f, -0.397951f, -0.429710f, -0.460134f}},
    {100, 100, 0.000874, {0.044434f, 0.064517f, 0.084556f, 0.104525f}},
    {1000, 100, 0.00114, {0.674631f, 0.632870f, 0.575619f, 0.504256f}},
    {5000, 300, 2e-6, {0.540600f, 0.705917f, 0.487496f, 0.004050f}},
    {50, 20, 0.000697, {-0.707131f, -0.706935f, -0.706668f, -0.706351f}},
};

TEST(FreqShift, ShiftsEveryFrequencyByShiftAtPyosLevel) {
  for (const PyoCase& c : kPyo) {
    std::vector<float> y = shifted(sineWave(c.freq, 1.0, 44100), Input::value(static_cast<float>(c.shift)));
    std::vector<float> settled(y.begin() + 4410, y.end());
    const double target = c.freq + c.shift;
    EXPECT_NEAR(test::peakFrequency(settled, kSampleRate), target, 0.001 * target) << c.freq << " + " << c.shift;
    EXPECT_NEAR(std::abs(toneAt(y, target, 4410, 44100)), 0.70698, 0.007) << c.freq << " + " << c.shift;
    // The other sideband as low as pyo's (the same allpasses: within a few per cent of its level), the input's
    // frequency gone.
    double other = std::abs(toneAt(y, std::abs(c.freq - c.shift), 4410, 44100));
    EXPECT_LT(other, 1.1 * c.otherSideband + 2e-6) << c.freq << " − " << c.shift;
    EXPECT_GT(other, 0.9 * c.otherSideband - 2e-6) << c.freq << " − " << c.shift;
    EXPECT_LT(std::abs(toneAt(y, c.freq, 4410, 44100)), 2e-5) << c.freq;
    // pyo's input and its quadrature oscillator are table oscillators whose phases drift from exact sines: the
    // samples agree within 2e-3 (a twentieth of a sample's timing at 200 Hz).
    for (int k = 0; k < 4; ++k) EXPECT_NEAR(y[10000 + k], c.at10000[k], 2e-3) << c.freq << " + " << c.shift;
  }
}

TEST(FreqShift, UnwantedSidebandAcrossTheBandIsPyos) {
  // A 50 Hz shift of sines at 60, 200, 1000, 4000 and 15000 Hz: pyo 1.0.4's wanted sideband and how far down the
  // other one is (the same measurement). The allpasses hold 90° up to a few kHz; at 15 kHz, near the top pole
  // bent by the bilinear transform, pyo's other sideband is only 24 dB down, and so is patchc's.
  struct Case {
    double freq, wanted, otherDb;
  };
  for (Case c : {Case{60, 0.70698, -56.49}, {200, 0.70698, -58.25}, {1000, 0.70698, -55.85}, {4000, 0.70698, -57.53},
                 {15000, 0.70556, -23.95}}) {
    std::vector<float> y = shifted(sineWave(c.freq, 1.0, 44100), Input::value(50.0f));
    double wanted = std::abs(toneAt(y, c.freq + 50.0, 4410, 44100));
    double other = std::abs(toneAt(y, c.freq - 50.0, 4410, 44100));
    EXPECT_NEAR(wanted, c.wanted, 0.01 * c.wanted) << c.freq;
    EXPECT_NEAR(decibels(other / wanted), c.otherDb, 1.0) << c.freq;
  }
}

TEST(FreqShift, ShiftAtAudioRateAndFarShiftsStayFinite) {
  // A swept shift (as the tutorial's Linseg): the output follows it; NaN or huge shifts keep it finite.
  const int count = 44100;
  std::vector<float> sweep(count);
  for (int i = 0; i < count; ++i) sweep[i] = 20.0f * static_cast<float>(i) / count;
  std::vector<float> y = shifted(sineWave(440.0, 1.0, count), Input::signal(sweep));
  std::vector<float> lastTenth(y.end() - 4410, y.end());
  EXPECT_NEAR(test::peakFrequency(lastTenth, kSampleRate), 459.0, 1.0);
  for (float shift : {NAN, INFINITY, -1e30f}) {
    std::vector<float> far = shifted(sineWave(440.0, 1.0, 2000), Input::signal(std::vector<float>(2000, shift)));
    for (float v : far) ASSERT_TRUE(std::isfinite(v)) << shift;
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
