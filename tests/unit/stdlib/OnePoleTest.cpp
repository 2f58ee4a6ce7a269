// Tone, Atone and DCBlock: gains at five frequencies against pyo 1.0.4's.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, one channel, 32-bit float WAV:
// `X(Sine(f)).out()` for 1 s, f = 10, 100, 1000, 3000, 10000 Hz; the amplitude at f over samples [4410, 44100)
// (after pyo's fade-in; Hann window), in dB. The same measurement of patchc's kernel on the same sine must be
// within 0.5 dB (the brief's bar; the algorithm is pyo's, so it is within 0.01 dB).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

const double kFrequencies[5] = {10, 100, 1000, 3000, 10000};

struct PyoGains {
  const char* object;
  float freq;  // NaN: no freq input (DCBlock)
  double gainDb[5];
};

const PyoGains kPyo[] = {
    {"Tone", 1000, {-0.001, -0.043, -3.003, -9.934, -19.297}},
    {"Tone", 200, {-0.011, -0.969, -14.142, -23.475, -33.234}},
    {"Atone", 1000, {-40.627, -20.669, -3.637, -1.084, -0.670}},
    {"Atone", 5000, {-57.257, -37.258, -17.427, -9.051, -4.266}},
    {"DCBlock", NAN, {-11.242, -0.485, 0.016, 0.021, 0.022}},
};

double measuredGainDb(const PyoGains& filter, double freq) {
  std::vector<Input> inputs = {Input::signal(sineWave(freq, 1.0, 44100))};
  if (!std::isnan(filter.freq)) inputs.push_back(Input::value(filter.freq));
  std::vector<float> y = render(filter.object, inputs, 44100);
  return decibels(std::abs(toneAt(y, freq, 4410, 44100)));
}

TEST(OnePoleFilters, GainsArePyos) {
  for (const PyoGains& filter : kPyo)
    for (int k = 0; k < 5; ++k)
      EXPECT_NEAR(measuredGainDb(filter, kFrequencies[k]), filter.gainDb[k], 0.05)
          << filter.object << "(freq=" << filter.freq << ") at " << kFrequencies[k] << " Hz";
}

TEST(OnePoleFilters, ToneAndAtoneAreComplementary) {
  // Atone is the input minus Tone, sample for sample, for any cutoff, also swept at audio rate.
  const int count = 5000;
  std::vector<float> x = uniformNoise(count, 12), sweep(count);
  for (int i = 0; i < count; ++i) sweep[i] = 50.0f + 10000.0f * static_cast<float>(i) / count;
  for (const Input& freq : {Input::value(700.0f), Input::signal(sweep)}) {
    std::vector<float> low = render("Tone", {Input::signal(x), freq}, count);
    std::vector<float> high = render("Atone", {Input::signal(x), freq}, count);
    for (int i = 0; i < count; ++i) ASSERT_FLOAT_EQ(high[i], x[i] - low[i]) << i;
  }
}

TEST(OnePoleFilters, CutoffIsClampedAsPyo) {
  // pyo clamps freq to [0.1 Hz, 0.49·sr]; a NaN counts as 0.1 Hz instead of poisoning the filter.
  std::vector<float> x = uniformNoise(3000, 13);
  auto tone = [&](float freq) { return render("Tone", {Input::signal(x), Input::value(freq)}, 3000); };
  EXPECT_EQ(tone(-5.0f), tone(0.1f));
  EXPECT_EQ(tone(NAN), tone(0.1f));
  EXPECT_EQ(tone(30000.0f), tone(0.49f * 44100.0f));
}

TEST(OnePoleFilters, DCBlockRemovesAConstant) {
  std::vector<float> y = render("DCBlock", {Input::signal(std::vector<float>(5000, 0.5f))}, 5000);
  EXPECT_FLOAT_EQ(y[0], 0.5f);
  EXPECT_NEAR(y[1000], 0.5 * std::pow(0.995, 1000.0), 1e-6);  // it decays by the pole
  EXPECT_LT(std::fabs(y[4999]), 1e-10f);
}

}  // namespace
}  // namespace patchc::stdlibtest
