// Selector(inputs, voice) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV, divided by the
// recorder's gain (0.99999923): Selector([Sig(1), Sig(2), Sig(3)], voice=v) gives 2.121320 at v = 0.5, 3 at 2,
// 3.232051 at 1.25, 1 at −1, 3 at 7; with setMode(1) 1.5 at 0.5. Selector([Sine(440), Sine(1000)], voice=0.3):
// levels 0.836649 at 440 Hz and 0.547716 at 1000 Hz (√0.7, √0.3), by a Hann-windowed DFT over 2000..12000.
#include <gtest/gtest.h>

#include <cmath>

#include "stdlib/kernels/Selector.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

using namespace patchc::kernel::selector;

// inputs: the objects' signals in order; the other choices read 0, as the elaborator makes them.
std::vector<float> select(const std::vector<Input>& objects, Input voice, float mode, int count) {
  std::vector<Input> inputs(kMode + 1, Input::value(0.0f));
  inputs[kInputs] = objects[0];
  for (size_t k = 1; k < objects.size(); ++k) inputs[kInput1 + k - 1] = objects[k];
  inputs[kVoice] = voice;
  inputs[kCount] = Input::value(static_cast<float>(objects.size()));
  inputs[kMode] = Input::value(mode);
  return render("Selector", inputs, count);
}

TEST(Selector, CrossfadesAsPyo) {
  const std::vector<Input> numbers = {Input::value(1), Input::value(2), Input::value(3)};
  const std::pair<float, double> kPyo[] = {{0.5f, 2.121320}, {2.0f, 3.0}, {1.25f, 3.232051}, {-1.0f, 1.0}, {7.0f, 3.0}};
  for (auto [voice, value] : kPyo) EXPECT_NEAR(select(numbers, Input::value(voice), 0, 1)[0], value, 1e-5) << voice;
  EXPECT_NEAR(select(numbers, Input::value(0.5f), 1, 1)[0], 1.5, 1e-6);
}

TEST(Selector, EqualPowerLevelsAsPyos) {
  std::vector<float> y = select({Input::signal(sineWave(440, 1, 12000)), Input::signal(sineWave(1000, 1, 12000))},
                                Input::value(0.3f), 0, 12000);
  EXPECT_NEAR(std::abs(toneAt(y, 440, 2000, 12000)), 0.836649, 0.01 * 0.836649);
  EXPECT_NEAR(std::abs(toneAt(y, 1000, 2000, 12000)), 0.547716, 0.01 * 0.547716);
}

TEST(Selector, VoiceMayMoveEverySample) {
  std::vector<float> voice(100);
  for (int i = 0; i < 100; ++i) voice[i] = i * 0.02f;
  std::vector<float> y = select({Input::value(1), Input::value(2), Input::value(3)}, Input::signal(voice), 0, 100);
  EXPECT_NEAR(y[0], 1.0, 1e-6);
  EXPECT_NEAR(y[25], std::sqrt(0.5) + 2 * std::sqrt(0.5), 1e-5);
  EXPECT_NEAR(y[99], 2 * std::sqrt(1 - 0.98) + 3 * std::sqrt(0.98), 1e-5);
}

TEST(Selector, OneObjectPassesThrough) {
  EXPECT_EQ(select({Input::value(0.25f)}, Input::value(0.7f), 0, 1)[0], 0.25f);
}

}  // namespace
}  // namespace patchc::stdlibtest
