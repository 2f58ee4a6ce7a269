// Clip, Wrap, Min, Max, Interp, Atan2, Scale, Disto, Degrade against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz: `X(Sig(v), ...).out(k)`, one
// channel each, 32-bit float WAV, sample 2000 divided by pyo's recorder gain (0.99999923, what `Sig(1)`
// records); Disto and Degrade also on `Sine(440)`, samples 10000..10007.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

float at(const char* object, std::vector<float> values) {
  std::vector<Input> inputs;
  for (float v : values) inputs.push_back(Input::value(v));
  return render(object, inputs, 2001)[2000];
}

struct PyoValue {
  const char* object;
  std::vector<float> inputs;  // every input, pyo's defaults written out
  double output;
};

TEST(Shaping, ValuesArePyos) {
  const PyoValue cases[] = {
      {"Clip", {1.5f, -1, 1}, 1},
      {"Clip", {-3, -0.5f, 0.5f}, -0.5},
      {"Clip", {0.2f, 1, 0}, 1},
      {"Wrap", {1.25f, 0, 1}, 0.25},
      {"Wrap", {-0.25f, 0, 1}, 0.75},
      {"Wrap", {-1, 0, 1}, 0},
      {"Wrap", {7.3f, 2, 4}, 3.3},
      {"Wrap", {0.5f, 3, 1}, 2},
      {"Min", {0.7f, 0.5f}, 0.5},
      {"Max", {0.7f, 0.5f}, 0.7},
      {"Min", {0.2f, -1}, -1},
      {"Interp", {1, 3, 0.25f}, 1.5},
      {"Interp", {1, 3, 2}, 3},
      {"Atan2", {1, -1}, 2.356194},
      {"Atan2", {0.5f, 2}, 0.2449787},
      {"Scale", {0.3f, 0, 1, 100, 200, 1}, 130},
      {"Scale", {0.3f, 0, 1, 100, 200, 2}, 109},
      {"Scale", {0.3f, 1, 0, 100, 200, 2}, 149},
      {"Scale", {0.3f, 0, 1, 200, 100, 0.5f}, 145.2277},
      {"Scale", {5, 0, 1, -1, 1, 1}, 1},
      {"Scale", {5, 0, 0, -1, 1, 1}, -1},
      {"Disto", {0.3f, 0.75f, 0.5f}, 0.75},
      {"Disto", {0.3f, 0.2f, 0}, 0.3913044},
      {"Disto", {-2, 0.9f, 0.9f}, -1.027026},
      {"Disto", {0.5f, 1.5f, 0}, 0.999},
      {"Degrade", {0.3f, 2, 1}, 0.5},
      {"Degrade", {-0.3f, 3, 1}, 0},
      {"Degrade", {0.123456f, 8, 1}, 0.125},
  };
  for (const PyoValue& c : cases)
    EXPECT_NEAR(at(c.object, c.inputs), c.output, 2e-6 * std::fabs(c.output) + 1e-6) << c.object << "(" << c.inputs[0] << ", ...)";
}

TEST(Shaping, DistoOnASineIsPyos) {
  const float pyo[8] = {-0.998925f, -0.997878f, -0.996233f, -0.993962f, -0.991025f, -0.987369f, -0.982924f, -0.977600f};
  std::vector<float> y = render("Disto", {Input::signal(sineWave(440.0, 1.0, 10008)), Input::value(0.75f), Input::value(0.5f)}, 10008);
  for (int k = 0; k < 8; ++k) EXPECT_NEAR(y[10000 + k], pyo[k], 5e-5) << 10000 + k;  // pyo's input: a table sine
}

TEST(Shaping, DegradeHoldsEveryFourthSampleAsPyo) {
  // srscale 0.25: a sample is taken every 4, the first at sample 3 (pyo counts to 4 first), on the same samples
  // as pyo's (its value changes at 10007 = 3 mod 4); bitdepth 4: multiples of 1/8.
  const float pyo[8] = {-0.875f, -0.875f, -0.875f, -0.875f, -0.875f, -0.875f, -0.875f, -0.75f};
  std::vector<float> x = sineWave(440.0, 1.0, 10008);
  std::vector<float> y = render("Degrade", {Input::signal(x), Input::value(4.0f), Input::value(0.25f)}, 10008);
  for (int k = 0; k < 8; ++k) EXPECT_EQ(y[10000 + k], pyo[k]) << 10000 + k;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(y[i], 0.0f);
  for (int i = 3; i < 10008; ++i) {
    const int taken = i - (i - 3) % 4;
    ASSERT_EQ(y[i], std::trunc(x[taken] * 8.0f + 0.5f) / 8.0f) << i;
  }
}

TEST(Shaping, ParametersAtAudioRate) {
  // Clip, Wrap, Min and Max read their bounds per sample.
  const int count = 500;
  std::vector<float> x = uniformNoise(count, 21, 3.0f), low(count), high(count);
  for (int i = 0; i < count; ++i) {
    low[i] = -1.0f + i * 0.001f;
    high[i] = 1.0f + i * 0.002f;
  }
  std::vector<float> clipped = render("Clip", {Input::signal(x), Input::signal(low), Input::signal(high)}, count);
  std::vector<float> wrapped = render("Wrap", {Input::signal(x), Input::signal(low), Input::signal(high)}, count);
  std::vector<float> smaller = render("Min", {Input::signal(x), Input::signal(low)}, count);
  for (int i = 0; i < count; ++i) {
    ASSERT_EQ(clipped[i], std::fmin(std::fmax(x[i], low[i]), high[i])) << i;
    ASSERT_GE(wrapped[i], low[i]) << i;
    ASSERT_LE(wrapped[i], high[i]) << i;
    ASSERT_NEAR(std::remainder(wrapped[i] - x[i], high[i] - low[i]), 0.0, 1e-5) << i;
    ASSERT_EQ(smaller[i], std::fmin(x[i], low[i])) << i;
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
