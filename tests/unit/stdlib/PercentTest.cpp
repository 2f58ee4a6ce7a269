// Percent: the odds a trigger passes, against pyo 1.0.4's.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel), samples equal to 1 counted:
//   Percent(Metro(0.001).play(), 25): 5170 of Metro's 20040 triggers in 20 s (0.258); percent=100: all 1002 in
//   1 s; percent=0: none. A passed trigger is on the input trigger's sample.
// patchc's generator differs from pyo's, so the odds are checked, not which triggers pass.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

TEST(Percent, PassesTriggersWithItsOdds) {
  const int count = 20 * 44100;
  const std::vector<float> metro = metroTrain(0.001f, count);
  const std::vector<int> in = triggerSamples(metro);
  for (float percent : {25.0f, 100.0f, 0.0f}) {
    const std::vector<int> out =
        triggerSamples(render("Percent", {Input::signal(metro), Input::value(percent)}, count));
    for (int s : out) EXPECT_EQ(metro[static_cast<size_t>(s)], 1.0f) << s;  // only on the input's triggers
    const double p = percent / 100.0, n = static_cast<double>(in.size());
    EXPECT_NEAR(static_cast<double>(out.size()), p * n, 4 * std::sqrt(n * p * (1 - p)) + 0.5) << percent;
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
