// The one-input functions (Abs, Exp, Log, Tan, Tanh, Round, MToF, FToM, DBToA, AToDB) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz: `X(Sig(v)).out(k)`, one channel
// each, 32-bit float WAV, sample 2000 divided by pyo's recorder gain (0.99999923: what `Sig(1)` records).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

float applied(const char* object, float v) { return render(object, {Input::value(v)}, 1)[0]; }

struct PyoValue {
  const char* object;
  float input;
  double output;
};

const PyoValue kPyo[] = {
    {"Abs", -0.3f, 0.3},         {"Exp", 1.5f, 4.481689},        {"Log", 2.0f, 0.6931472},
    {"Log", 0.0f, 0.0},          {"Log", -1.0f, 0.0},            {"Tanh", 0.7f, 0.6043677},
    {"Round", 2.5f, 3.0},        {"Round", -2.5f, -3.0},         {"Round", -0.4f, 0.0},
    {"MToF", 60.0f, 261.6255},   {"MToF", 300.0f, 2.743343e8},   {"MToF", 1000.0f, 9.9624e25},
    {"MToF", -300.0f, 2.436578e-7}, {"MToF", 128.0f, 13289.75},  {"FToM", 440.0f, 69.0},
    {"FToM", 1000.0f, 83.2131},  {"DBToA", -6.0f, 0.5011872},    {"DBToA", -130.0f, 0.0},
    {"AToDB", 0.5f, -6.0206},    {"AToDB", 0.0f, -120.0},
    // Tan(Sig([0.7, 1.5, -1.2, 3.0])): 0.8422877, 14.10141, -2.57215, -0.1425464 recorded.
    {"Tan", 0.7f, 0.8422884},    {"Tan", 1.5f, 14.10142},        {"Tan", -1.2f, -2.572152},
    {"Tan", 3.0f, -0.1425465},
};

TEST(UnaryMath, ValuesArePyos) {
  for (const PyoValue& v : kPyo)
    EXPECT_NEAR(applied(v.object, v.input), v.output, 2e-6 * std::fabs(v.output) + 1e-6) << v.object << "(" << v.input << ")";
}

TEST(UnaryMath, EdgesAsPyo) {
  // pyo's thresholds: DBToA is 0 at −120 dB and below, AToDB −120 at 1e-6 and below, Log 0 at 0 and below.
  EXPECT_EQ(applied("DBToA", -120.0f), 0.0f);
  EXPECT_GT(applied("DBToA", -119.9f), 0.0f);
  EXPECT_EQ(applied("AToDB", 1e-6f), -120.0f);
  EXPECT_EQ(applied("AToDB", -3.0f), -120.0f);
  EXPECT_NEAR(applied("AToDB", 2e-6f), -113.98, 0.01);
  EXPECT_EQ(applied("Log", -1e-30f), 0.0f);
  // FToM counts anything below 8.1758 Hz as 8.1578 Hz (pyo's bound and its replacement); pyo 1.0.4 outputs 0
  // there (it writes nothing), patchc the conversion.
  EXPECT_NEAR(applied("FToM", 8.1758f), 0.0, 1e-3);
  EXPECT_EQ(applied("FToM", 1.0f), applied("FToM", 8.1578f));
  EXPECT_NEAR(applied("FToM", 1.0f), -0.0382, 1e-3);
}

TEST(UnaryMath, TanNearItsPoleIsLargeAsPyos) {
  // Tan(Sig(1.5707964)) (π/2 rounded to float) recorded -22877316 in pyo 1.0.4: tanf of the float just above
  // the pole, no clamp.
  EXPECT_NEAR(applied("Tan", 1.5707964f), -22877332.0, 0.01 * 22877332.0);
}

TEST(UnaryMath, AudioRateInputIsConvertedEverySample) {
  // pyo 1.0.4's FToM writes nothing for an input that changes (measured: FToM(Sine(1, mul=100, add=500)) is 0);
  // patchc converts every sample, as the other conversions do.
  const int count = 1000;
  std::vector<float> freq(count);
  for (int i = 0; i < count; ++i) freq[i] = 400.0f + 0.1f * i;
  std::vector<float> midi = render("FToM", {Input::signal(freq)}, count);
  for (int i = 0; i < count; ++i) ASSERT_NEAR(midi[i], 12.0 * std::log2(freq[i] / 440.0) + 69.0, 1e-4) << i;
  std::vector<float> back = render("MToF", {Input::signal(midi)}, count);
  for (int i = 0; i < count; ++i) ASSERT_NEAR(back[i], freq[i], 1e-4 * freq[i]) << i;
}

}  // namespace
}  // namespace patchc::stdlibtest
