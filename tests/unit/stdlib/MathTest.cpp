// Sin, Cos, Sqrt (pyo's arithmetic objects) and Denorm.
#include <gtest/gtest.h>

#include <cmath>

#include "stdlib/kernels/KernelMath.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

// Inputs from -100 to 100 radians and a few special values.
std::vector<float> testValues() {
  std::vector<float> x;
  for (int i = -20000; i <= 20000; ++i) x.push_back(static_cast<float>(i) * 0.005f);
  for (float v : {0.0f, -0.0f, 1e-30f, kernel::kPi, -kernel::kPi, 0.5f * kernel::kPi, 1e4f}) x.push_back(v);
  return x;
}

// The polynomial sine every oscillator uses, over whole cycles and beyond: within its stated 2.5e-7 for phases
// in [-1, 1) and within that plus the rounding of x itself further out; its quarter-cycle points exact.
TEST(SinCycles, WithinItsStatedBound) {
  double worst = 0.0;
  for (int i = -(1 << 20); i < (1 << 20); ++i) {
    float x = static_cast<float>(i) / static_cast<float>(1 << 20);
    double error = std::fabs(kernel::sinCycles(x) - std::sin(2.0 * M_PI * static_cast<double>(x)));
    worst = std::max(worst, error);
  }
  EXPECT_LT(worst, 2.5e-7);
  for (float x : {0.0f, 0.5f, -0.5f, 1.0f}) EXPECT_NEAR(kernel::sinCycles(x), 0.0f, 1e-7f) << x;
  EXPECT_NEAR(kernel::sinCycles(0.25f), 1.0f, 1e-7f);
  EXPECT_NEAR(kernel::sinCycles(-0.25f), -1.0f, 1e-7f);
  EXPECT_NEAR(kernel::sinCycles(1000.75f), -1.0f, 1e-6f);
}

TEST(Sin, MatchesLibm) {
  std::vector<float> x = testValues();
  std::vector<float> y = render("Sin", {Input::signal(x), Input::value(0.0f)}, static_cast<int>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) ASSERT_NEAR(y[i], std::sin(static_cast<double>(x[i])), 2e-7) << x[i];
  EXPECT_EQ(render("Sin", {Input::value(0.5f), Input::value(0.0f)}, 3)[2], std::sin(0.5f));  // a constant input
}

// -Ofast's fast-trig: the polynomial sine, within the bound the pass states (3.1e-7 + 1.8e-7·|x|).
TEST(Sin, FastIsWithinItsStatedBound) {
  std::vector<float> x = testValues();
  for (const char* op : {"Sin", "Cos"}) {
    std::vector<float> y = render(op, {Input::signal(x), Input::value(1.0f)}, static_cast<int>(x.size()));
    for (size_t i = 0; i < x.size(); ++i) {
      double exact = std::string(op) == "Sin" ? std::sin(static_cast<double>(x[i])) : std::cos(static_cast<double>(x[i]));
      ASSERT_NEAR(y[i], exact, 3.1e-7 + 1.8e-7 * std::fabs(x[i])) << op << "(" << x[i] << ")";
    }
  }
}

TEST(Cos, MatchesLibm) {
  std::vector<float> x = testValues();
  std::vector<float> y = render("Cos", {Input::signal(x), Input::value(0.0f)}, static_cast<int>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) ASSERT_NEAR(y[i], std::cos(static_cast<double>(x[i])), 2e-7) << x[i];
}

TEST(Sqrt, MatchesLibmAndNegativeIsZero) {
  std::vector<float> x = testValues();
  std::vector<float> y = render("Sqrt", {Input::signal(x)}, static_cast<int>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i] < 0.0f) {
      ASSERT_EQ(y[i], 0.0f) << x[i];  // as pyo 1.0.4 (measured: Sqrt(Sig(-1)) is 0)
    } else {
      ASSERT_EQ(y[i], std::sqrt(x[i])) << x[i];  // sqrt is correctly rounded
    }
  }
}

TEST(Denorm, AddsNoiseOfMagnitude1em24) {
  const int count = 100000;
  std::vector<float> y = render("Denorm", {Input::signal(std::vector<float>(count, 0.0f))}, count);
  double squares = 0.0, largest = 0.0;
  for (float v : y) {
    squares += static_cast<double>(v) * v;
    largest = std::max(largest, static_cast<double>(std::abs(v)));
  }
  EXPECT_LE(largest, 1e-24);
  EXPECT_GT(largest, 0.99e-24);
  EXPECT_NEAR(std::sqrt(squares / count), 1e-24 / std::sqrt(3.0), 0.02e-24);  // uniform in ±1e-24, as pyo
  EXPECT_NE(y[0], y[1]);
  // A normal signal passes unchanged: the noise is far below its rounding.
  std::vector<float> x = uniformNoise(1000, 9);
  EXPECT_EQ(render("Denorm", {Input::signal(x)}, 1000), x);
}

}  // namespace
}  // namespace patchc::stdlibtest
