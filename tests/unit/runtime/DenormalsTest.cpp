#include "runtime/Denormals.h"

#include <gtest/gtest.h>

#include <cfloat>

namespace patchc::runtime {
namespace {

#if PATCHC_DENORMALS_X86 || PATCHC_DENORMALS_AARCH64

// volatile keeps the compiler from folding the products at compile time, where no FTZ applies.
volatile float gSubnormal = FLT_MIN / 4.0f;  // below FLT_MIN: a subnormal
volatile float gOne = 1.0f;
volatile float gHalf = 0.5f;
volatile float gSmallestNormal = FLT_MIN;

TEST(Denormals, SubnormalInputsReadAsZeroInsideTheScope) {
  ASSERT_NE(gSubnormal * gOne, 0.0f);  // the default mode keeps subnormals
  {
    ScopedFlushDenormals flush;
    float product = gSubnormal * gOne;
    EXPECT_EQ(product, 0.0f);
  }
}

TEST(Denormals, SubnormalResultsFlushToZeroInsideTheScope) {
  ASSERT_NE(gSmallestNormal * gHalf, 0.0f);
  {
    ScopedFlushDenormals flush;
    float product = gSmallestNormal * gHalf;
    EXPECT_EQ(product, 0.0f);
  }
}

TEST(Denormals, PreviousModeIsRestoredOnExit) {
  {
    ScopedFlushDenormals outer;
    {
      ScopedFlushDenormals inner;
      float product = gSubnormal * gOne;
      EXPECT_EQ(product, 0.0f);
    }
    float product = gSubnormal * gOne;
    EXPECT_EQ(product, 0.0f);  // the inner scope restored the outer one's mode, not the default
  }
  float product = gSubnormal * gOne;
  EXPECT_NE(product, 0.0f);
}

#else

TEST(Denormals, NotSupportedOnThisArchitecture) { GTEST_SKIP() << "no FTZ control on this architecture"; }

#endif

}  // namespace
}  // namespace patchc::runtime
