// SfPlayer reading a sound given as an array (what the elaborator makes of a file): speed, rates, loop, offset,
// direction, interpolation and the end.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

// A sound whose sample j is 0.001 · (j + 1): every read shows where it read.
std::vector<float> ramp(int size) {
  std::vector<float> x(static_cast<size_t>(size));
  for (int j = 0; j < size; ++j) x[j] = 0.001f * static_cast<float>(j + 1);
  return x;
}

struct Player {
  float speed = 1.0f, loop = 0.0f, offset = 0.0f, interp = 2.0f, fileSampleRate = 0.0f;
};

std::vector<float> play(const std::vector<float>& sound, const Player& p, int count) {
  return render("SfPlayer",
                {Input::array(sound), Input::value(p.speed), Input::value(p.loop), Input::value(p.offset),
                 Input::value(p.interp), Input::value(p.fileSampleRate)},
                count);
}

TEST(SfPlayer, SpeedOneReadsTheSoundThenSilence) {
  std::vector<float> sound = ramp(1000);
  std::vector<float> y = play(sound, {}, 1500);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(y[i], sound[i]) << i;
  for (int i = 1000; i < 1500; ++i) ASSERT_EQ(y[i], 0.0f) << i;
  // the file's rate equal to the server's is the same as 0 (the server's)
  EXPECT_EQ(play(sound, {.fileSampleRate = 44100.0f}, 1500), y);
}

TEST(SfPlayer, SpeedTwoAndHalf) {
  std::vector<float> sound = ramp(1000);
  std::vector<float> fast = play(sound, {.speed = 2.0f}, 600);
  for (int i = 0; i < 500; ++i) ASSERT_EQ(fast[i], sound[2 * i]) << i;
  for (int i = 500; i < 600; ++i) ASSERT_EQ(fast[i], 0.0f) << i;
  std::vector<float> slow = play(sound, {.speed = 0.5f}, 2100);
  for (int i = 0; i < 999; ++i) {
    ASSERT_EQ(slow[2 * i], sound[i]) << i;
    ASSERT_NEAR(slow[2 * i + 1], 0.5f * (sound[i] + sound[i + 1]), 1e-7) << i;  // linear
  }
  for (int i = 2000; i < 2100; ++i) ASSERT_EQ(slow[i], 0.0f) << i;
}

TEST(SfPlayer, FileRateIsConvertedToTheServerRate) {
  // A file at 88.2 kHz on a 44.1 kHz server: speed 1 keeps the pitch, so every other sample is played.
  std::vector<float> sound = ramp(1000);
  std::vector<float> y = play(sound, {.fileSampleRate = 88200.0f}, 500);
  for (int i = 0; i < 500; ++i) ASSERT_EQ(y[i], sound[2 * i]) << i;
}

TEST(SfPlayer, LoopAndOffset) {
  std::vector<float> sound = ramp(1000);
  std::vector<float> looped = play(sound, {.loop = 1.0f}, 3000);
  for (int i = 0; i < 3000; ++i) ASSERT_EQ(looped[i], sound[i % 1000]) << i;
  // offset skips 100 samples at the start and, when looping, at each loop point (100 / 44100 s is not exact in
  // float: the reads fall a hair off the samples)
  const float offset = 100.0f / 44100.0f;
  std::vector<float> skipped = play(sound, {.offset = offset}, 1000);
  for (int i = 0; i < 899; ++i) ASSERT_NEAR(skipped[i], sound[100 + i], 2e-5) << i;
  for (int i = 901; i < 1000; ++i) ASSERT_EQ(skipped[i], 0.0f) << i;
  std::vector<float> loopedFromOffset = play(sound, {.loop = 1.0f, .offset = offset}, 2800);
  for (int i = 0; i < 2800; ++i) ASSERT_NEAR(loopedFromOffset[i], sound[100 + i % 900], 2e-5) << i;
  // an offset past the end plays nothing
  for (float v : play(sound, {.offset = 1.0f}, 100)) ASSERT_EQ(v, 0.0f);
}

TEST(SfPlayer, NegativeSpeedPlaysBackwards) {
  std::vector<float> sound = ramp(1000);
  std::vector<float> y = play(sound, {.speed = -1.0f}, 1200);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(y[i], sound[999 - i]) << i;
  for (int i = 1000; i < 1200; ++i) ASSERT_EQ(y[i], 0.0f) << i;
}

TEST(SfPlayer, Interpolations) {
  std::vector<float> sound = ramp(100);
  std::vector<float> none = play(sound, {.speed = 0.25f, .interp = 1.0f}, 300);
  std::vector<float> cosine = play(sound, {.speed = 0.25f, .interp = 3.0f}, 300);
  std::vector<float> cubic = play(sound, {.speed = 0.25f, .interp = 4.0f}, 300);
  const float m = 0.5f * (1.0f - std::cos(kernel::kPi * 0.25f));
  for (int j = 1; j < 70; ++j)
    for (int k = 0; k < 4; ++k) {
      int i = 4 * j + k;
      ASSERT_EQ(none[i], sound[j]) << i;
      float mu = k == 1 ? m : k == 2 ? 0.5f : k == 3 ? 1.0f - m : 0.0f;
      ASSERT_NEAR(cosine[i], sound[j] + mu * (sound[j + 1] - sound[j]), 1e-6) << i;
      ASSERT_NEAR(cubic[i], sound[j] + 0.25f * k * (sound[j + 1] - sound[j]), 1e-6) << i;  // exact on a line
    }
  // Cubic goes through the samples and is smooth on a curve: a sine read at a quarter speed.
  std::vector<float> sine = sineWave(441.0, 1.0, 1000);
  std::vector<float> y = play(sine, {.speed = 0.25f, .interp = 4.0f}, 3000);
  for (int i = 8; i < 3000; ++i) ASSERT_NEAR(y[i], std::sin(2.0 * M_PI * 441.0 * (i * 0.25) / 44100.0), 2e-5) << i;
}

}  // namespace
}  // namespace patchc::stdlibtest
