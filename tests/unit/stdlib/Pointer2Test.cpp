// Pointer2(table, index, interp, autosmooth) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV: a HarmTable of
// size 8192 holding harmonics 250, 500, 1000, 2000, 3000 at 0.2 each, read by Pointer2 with index Phasor(4): the
// harmonics sound at 1, 2, 4, 8, 12 kHz, and the position moves 0.743 samples a sample, so autosmooth's low-passes
// are at 0.45·0.743·44100 = 14.7 kHz. Levels by a Hann-windowed DFT over samples 2000..12000, divided by the
// recorder's gain (0.99999923):
//   interp 4, autosmooth on:  0.199354 0.197405 0.189487 0.157478 0.109635
//   interp 4, autosmooth off: 0.199996 0.199934 0.199000 0.186606 0.149288
//   interp 2, autosmooth on:  0.198749 0.195062 0.181282 0.138172 0.092487
//   interp 1, autosmooth off: 0.199650 0.198732 0.194897 0.180802 0.158915
// Read at Phasor(44.1) (1.02 samples a sample) autosmooth changes nothing: the same samples on and off.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr int kHarmonics[] = {250, 500, 1000, 2000, 3000};

std::vector<float> harmonicsTable() {
  std::vector<double> list(3000, 0.0);
  for (int k : kHarmonics) list[k - 1] = 0.2;
  return filledTable("HarmTable", {{"list", tableNumbers(list)}, {"size", tableNumber(8192)}});
}

std::vector<float> phasor(double freq, int count) {
  std::vector<float> x(count);
  for (int i = 0; i < count; ++i) x[i] = static_cast<float>(std::fmod(i * freq / kSampleRate, 1.0));
  return x;
}

TEST(Pointer2, GainsAsPyos) {
  const std::vector<float> table = harmonicsTable();
  const std::vector<float> index = phasor(4.0, 12000);
  struct Case {
    float interp, autosmooth;
    double levels[5];
  };
  const Case kPyo[] = {{4, 1, {0.199354, 0.197405, 0.189487, 0.157478, 0.109635}},
                       {4, 0, {0.199996, 0.199934, 0.199000, 0.186606, 0.149288}},
                       {2, 1, {0.198749, 0.195062, 0.181282, 0.138172, 0.092487}},
                       {1, 0, {0.199650, 0.198732, 0.194897, 0.180802, 0.158915}}};
  for (const Case& c : kPyo) {
    std::vector<float> y = render("Pointer2", {Input::array(table), Input::signal(index), Input::value(c.interp),
                                               Input::value(c.autosmooth), Input::value(0.0f)}, 12000);
    for (int k = 0; k < 5; ++k) {
      const double level = std::abs(toneAt(y, 4.0 * kHarmonics[k], 2000, 12000));
      EXPECT_NEAR(decibels(level / c.levels[k]), 0.0, 0.5)
          << "interp " << c.interp << " autosmooth " << c.autosmooth << " at " << 4 * kHarmonics[k] << " Hz";
    }
  }
}

TEST(Pointer2, FastReadsAreNotSmoothed) {
  const std::vector<float> table = harmonicsTable();
  const std::vector<float> index = phasor(44.1, 3000);
  auto read = [&](float autosmooth) {
    return render("Pointer2", {Input::array(table), Input::signal(index), Input::value(4), Input::value(autosmooth),
                               Input::value(0.0f)}, 3000);
  };
  EXPECT_EQ(read(1), read(0));
}

TEST(Pointer2, TableRateSetsTheSmoothing) {
  // A table at half the server's rate is read at half speed for the same index: its low-passes sit an octave
  // lower, so 12 kHz loses more.
  const std::vector<float> table = harmonicsTable();
  const std::vector<float> index = phasor(4.0, 12000);
  auto level = [&](float rate) {
    std::vector<float> y = render("Pointer2", {Input::array(table), Input::signal(index), Input::value(4),
                                               Input::value(1), Input::value(rate)}, 12000);
    return std::abs(toneAt(y, 12000.0, 2000, 12000));
  };
  EXPECT_LT(level(22050.0f), 0.7 * level(44100.0f));
  EXPECT_EQ(level(0.0f), level(44100.0f));
}

}  // namespace
}  // namespace patchc::stdlibtest
