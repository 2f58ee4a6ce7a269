// Compare(input, comp, mode) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV: a Phasor(441)
// (period 100 samples, 0.01 a sample) compared with 0.3 in each mode, one channel each. Per period, after the
// fade-in, '<' is 1 on samples 0..29 (30), '<=' 0..30 (31), '>' 31..99 (69), '>=' 30..99 (70), '==' on 30 only,
// '!=' on all but 30: the phasor is 0.3 at sample 30. Sig(0.30009) == 0.3 gives 1, Sig(0.30011) == 0.3 gives 0,
// Sig(0.5) != 0.5 gives 0 (pyo's ±0.0001 tolerance). Its 1 records as 0.99999923 (the recorder's gain on Sig(1)).
#include <gtest/gtest.h>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> compared(const std::vector<float>& x, float comp, float mode) {
  return render("Compare", {Input::signal(x), Input::value(comp), Input::value(mode)}, static_cast<int>(x.size()));
}

TEST(Compare, ModesHoldOnPyosSamplesOfAPhasor) {
  std::vector<float> ramp(300);
  for (int i = 0; i < 300; ++i) ramp[i] = static_cast<float>((i % 100) * 0.01);
  struct Expected {
    float mode;
    int first, last;  // the samples of each period where pyo's output is 1 (first > last: all but last+1..first-1)
  };
  const Expected kPyo[] = {{0, 0, 29}, {1, 0, 30}, {2, 31, 99}, {3, 30, 99}, {4, 30, 30}};
  for (const Expected& e : kPyo) {
    std::vector<float> out = compared(ramp, 0.3f, e.mode);
    for (int i = 0; i < 300; ++i)
      ASSERT_EQ(out[i], (i % 100 >= e.first && i % 100 <= e.last) ? 1.0f : 0.0f) << "mode " << e.mode << " at " << i;
  }
  std::vector<float> notEqual = compared(ramp, 0.3f, 5);
  for (int i = 0; i < 300; ++i) ASSERT_EQ(notEqual[i], i % 100 == 30 ? 0.0f : 1.0f) << i;
}

TEST(Compare, EqualityHasPyosTolerance) {
  EXPECT_EQ(compared({0.30009f}, 0.3f, 4)[0], 1.0f);
  EXPECT_EQ(compared({0.30011f}, 0.3f, 4)[0], 0.0f);
  EXPECT_EQ(compared({0.5f}, 0.5f, 5)[0], 0.0f);
  EXPECT_EQ(compared({0.5f}, 0.5002f, 5)[0], 1.0f);
}

TEST(Compare, CompMayBeASignal) {
  std::vector<float> x{0.1f, 0.5f, 0.9f}, comp{0.2f, 0.4f, 0.95f};
  std::vector<float> out = render("Compare", {Input::signal(x), Input::signal(comp), Input::value(2)}, 3);
  EXPECT_EQ(out, (std::vector<float>{0.0f, 1.0f, 0.0f}));
}

TEST(Compare, ModeMayChangeBetweenCalls) {
  std::vector<float> x(128, 0.5f);
  std::vector<float> out = render("Compare", {Input::signal(x), Input::value(0.6f), Input::value(0)}, 128,
                                  {.changes = {{64, 2, 2.0f}}});
  EXPECT_EQ(out[63], 1.0f);
  EXPECT_EQ(out[64], 0.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
