// Pow(base, exponent) against pyo 1.0.4's measured samples. Measured with /usr/bin/python3, an offline server
// (nchnls=8, float wav) and Pow(Sig(2), 3), 2 ** Sig(3), Sig(3) ** 2, Pow(Sig(-2), Sig(0.5)), Pow(Sig(0), Sig(-1))
// on channels 0..4, read at sample 1000 and divided by pyo's output fade: 8, 8, 9, nan, inf.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

TEST(Pow, MatchesPyosMeasuredValues) {
  EXPECT_EQ(render("Pow", {Input::value(2.0f), Input::value(3.0f)}, 4)[3], 8.0f);
  EXPECT_EQ(render("Pow", {Input::value(3.0f), Input::value(2.0f)}, 4)[3], 9.0f);
  EXPECT_TRUE(std::isnan(render("Pow", {Input::value(-2.0f), Input::value(0.5f)}, 4)[3]));
  EXPECT_TRUE(std::isinf(render("Pow", {Input::value(0.0f), Input::value(-1.0f)}, 4)[3]));
  // pyo's defaults: 10 ** 1.
  EXPECT_EQ(render("Pow", {Input::value(10.0f), Input::value(1.0f)}, 4)[3], 10.0f);
}

// Both inputs are read per sample: a signal base and a signal exponent.
TEST(Pow, ReadsBothInputsPerSample) {
  std::vector<float> base{1.0f, 2.0f, 3.0f, 4.0f}, exponent{2.0f, 0.5f, -1.0f, 0.0f};
  std::vector<float> y = render("Pow", {Input::signal(base), Input::signal(exponent)}, 4);
  for (size_t i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(y[i], std::pow(base[i], exponent[i])) << i;
}

}  // namespace
}  // namespace patchc::stdlibtest
