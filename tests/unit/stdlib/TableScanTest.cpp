// TableScan(table) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV:
// TableScan(DataTable(size=100, init=[0, 0.01, ..., 0.99])).out() records 0.9799992, 0.9899992, 0, 0.00999999 at
// samples 298..301 and 0, 0.00999999, 0.01999998 at 1000..1002 (the values times the recorder's gain, 0.99999923):
// sample k is the table's sample k mod 100, from the first.
#include <gtest/gtest.h>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

TEST(TableScan, ReadsEverySampleInOrderAsPyo) {
  std::vector<float> table(101);
  for (int i = 0; i < 100; ++i) table[i] = static_cast<float>(i * 0.01);
  table[100] = table[0];  // the guard point
  std::vector<float> y = render("TableScan", {Input::array(table)}, 1003);
  for (int k = 0; k < 1003; ++k) ASSERT_EQ(y[k], table[k % 100]) << k;
  EXPECT_NEAR(y[298], 0.98, 1e-6);
  EXPECT_NEAR(y[299], 0.99, 1e-6);
  EXPECT_EQ(y[300], 0.0f);
}

TEST(TableScan, EmptyTableIsSilence) {
  std::vector<float> y = render("TableScan", {Input::array({0.0f})}, 100);
  for (float v : y) ASSERT_EQ(v, 0.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
