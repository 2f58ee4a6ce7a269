// Helpers of the trigger objects' tests: trigger samples, trigger trains as pyo's Metro makes them.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {

// The samples equal to 1; every other sample must be 0 (a trigger stream).
inline std::vector<int> triggerSamples(const std::vector<float>& y) {
  std::vector<int> at;
  for (size_t i = 0; i < y.size(); ++i) {
    if (y[i] == 1.0f) at.push_back(static_cast<int>(i));
    else EXPECT_EQ(y[i], 0.0f) << i;
  }
  return at;
}

// Metro(time).play()'s triggers (its kernel is tested sample-exact against pyo in TriggerTest.cpp).
inline std::vector<float> metroTrain(float time, int count) {
  return render("Metro", {Input::value(time), Input::value(1.0f), Input::value(1.0f)}, count);
}

}  // namespace patchc::stdlibtest
