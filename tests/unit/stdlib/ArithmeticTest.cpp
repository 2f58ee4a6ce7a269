// The elaborator's internal arithmetic ops.
#include <gtest/gtest.h>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

float apply(const char* op, float a, float b) { return render(op, {Input::value(a), Input::value(b)}, 1)[0]; }

TEST(StdlibArithmetic, Basic) {
  EXPECT_EQ(apply("Add", 1.5f, 2.25f), 3.75f);
  EXPECT_EQ(apply("Sub", 1.5f, 2.25f), -0.75f);
  EXPECT_EQ(apply("Mul", 1.5f, -2.0f), -3.0f);
  EXPECT_EQ(apply("Div", 3.0f, 2.0f), 1.5f);
}

TEST(StdlibArithmetic, DivisionByZeroIsPyos) {
  // Measured with pyo 1.0.4: Sig(a) / Sig(b) with |b| < 1e-5 divides by +1e-5.
  EXPECT_FLOAT_EQ(apply("Div", 1.0f, 0.0f), 100000.0f);
  EXPECT_FLOAT_EQ(apply("Div", 2.0f, 0.0f), 200000.0f);
  EXPECT_FLOAT_EQ(apply("Div", -1.0f, 0.0f), -100000.0f);
  EXPECT_FLOAT_EQ(apply("Div", 1.0f, -1e-6f), 100000.0f);
  EXPECT_FLOAT_EQ(apply("Div", 1.0f, 2e-5f), 50000.0f);
  EXPECT_FLOAT_EQ(apply("Div", 1.0f, -2e-5f), -50000.0f);
}

TEST(StdlibArithmetic, SignalsPerSample) {
  std::vector<float> a = uniformNoise(300, 1), b = uniformNoise(300, 2);
  std::vector<float> sum = render("Add", {Input::signal(a), Input::signal(b)}, 300);
  std::vector<float> product = render("Mul", {Input::signal(a), Input::value(0.5f)}, 300);
  for (int i = 0; i < 300; ++i) {
    ASSERT_EQ(sum[i], a[i] + b[i]);
    ASSERT_EQ(product[i], a[i] * 0.5f);
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
