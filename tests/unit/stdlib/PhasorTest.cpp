// Phasor against pyo 1.0.4's measured samples.
//
// Measured with pyo 1.0.4, offline server at 44100 Hz, 32-bit float WAV, divided by Sig(1) rendered the same way
// (pyo's output fade-in): Phasor(freq=441, phase=0.25): 0.25, 0.26, ..., 0.99 on sample 74, 4.4e-16 on 75 (the
// wrap: 0.75 + 0.25 lands on 1 ± rounding), 0.01 on 76, 0.25 on 300 and 1000.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

TEST(Phasor, RampsAsPyo) {
  std::vector<float> y = render("Phasor", {Input::value(441.0f), Input::value(0.25f)}, 2000);
  const std::pair<int, float> pyo[] = {{0, 0.25f}, {1, 0.26f}, {74, 0.99f}, {76, 0.01f}, {300, 0.25f}, {1000, 0.25f}};
  for (auto [i, value] : pyo) EXPECT_NEAR(y[i], value, 1e-6) << i;
  EXPECT_TRUE(y[75] < 1e-6 || y[75] == 1.0f) << y[75];  // the wrap: pyo 4.4e-16
  for (int i = 0; i < 2000; ++i) {
    if (i % 100 == 75) continue;
    ASSERT_NEAR(y[i], std::fmod(i * 0.01 + 0.25, 1.0), 1e-6) << i;
  }
}

TEST(Phasor, StaysInItsRange) {
  for (float freq : {-300.0f, 1e5f, 22050.0f})
    for (float phase : {-1.0f, 0.5f, 1.0f, 3.0f})
      for (float v : render("Phasor", {Input::value(freq), Input::value(phase)}, 3000))
        ASSERT_TRUE(v >= 0.0f && v <= 1.0f) << freq << " " << phase << " " << v;
}

}  // namespace
}  // namespace patchc::stdlibtest
