// Metro, Trig, Counter, Select and Change: trigger samples exact against pyo 1.0.4.
//
// Measured with pyo 1.0.4, offline server at 44100 Hz, buffersize 64, 32-bit float WAV (Sig(obj).out(); the first
// sample divided by Sig(1)'s, pyo's output fade-in):
//   Metro(t).play() triggers on samples 0 and then: t = 0.01: 443, 884, 1325, 1766, 2207; t = 512/44100: 513,
//   1025, 1537, 2049; t = 0.1: 4412, 8822, 13232, 17642; t = 0.125: 5514, 11027, 16539, 22052; t = 0.25: 11026,
//   22051, 33076, 44101; t = 0.3: 13231, 26461, 39691. Without play(): none.
//   Metro(512/44100).play(), stop() and play() by CallAfter at 600 and 1300 samples (landing on the blocks at 640
//   and 1344): triggers on 0, 513, then 1729 = 1025 + (1344 − 640): the clock is frozen while stopped.
//   Trig() triggers on sample 0 unplayed; Trig().play() and a play() at 640 samples: 0 and 704 (the block after).
//   With m = Metro(512/44100).play(): Counter(m, min=2, max=5, dir=D) on samples 0, 513, 1025, ...:
//   D = 0: 2 3 4 2 3 4 ...; D = 1: 4 3 2 4 3 2 ...; D = 2: 2 3 4 3 2 3 4 3 2 ...;
//   Select(Counter(m, 2, 5), value=3) triggers on 513, 2049, 3585, 5121; Change(Counter(m, 2, 5)) on 0, 513, 1025.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<int> triggers(const std::vector<float>& y) {
  std::vector<int> at;
  for (size_t i = 0; i < y.size(); ++i) {
    if (y[i] == 1.0f) at.push_back(static_cast<int>(i));
    else EXPECT_EQ(y[i], 0.0f) << i;
  }
  return at;
}

std::vector<float> metro(Input time, int count, std::vector<ControlChange> changes = {}, float playing = 1.0f) {
  RenderOptions options;
  options.changes = std::move(changes);
  return render("Metro", {std::move(time), Input::value(1.0f), Input::value(playing)}, count, options);
}

TEST(Metro, TriggersOnPyosSamples) {
  struct Pyo {
    float time;
    std::vector<int> at;
  };
  const Pyo pyo[] = {{0.01f, {0, 443, 884, 1325, 1766, 2207}},
                     {512.0f / 44100.0f, {0, 513, 1025, 1537, 2049}},
                     {0.1f, {0, 4412, 8822, 13232, 17642}},
                     {0.125f, {0, 5514, 11027, 16539, 22052}},
                     {0.25f, {0, 11026, 22051, 33076, 44101}},
                     {0.3f, {0, 13231, 26461, 39691}}};
  for (const Pyo& p : pyo) {
    std::vector<int> at = triggers(metro(Input::value(p.time), p.at.back() + 1));
    EXPECT_EQ(at, p.at) << p.time;
  }
}

TEST(Metro, SilentUntilPlayedAndFrozenWhileStopped) {
  EXPECT_TRUE(triggers(metro(Input::value(0.01f), 5000, {}, 0.0f)).empty());
  std::vector<int> at = triggers(metro(Input::value(512.0f / 44100.0f), 2300, {{640, 2, -1.0f}, {1344, 2, 2.0f}}));
  EXPECT_EQ(at, (std::vector<int>{0, 513, 1729, 2241}));
}

TEST(Metro, AudioRateTime) {
  // A time signal held at 512/44100 triggers as the number does.
  std::vector<float> time(3000, 512.0f / 44100.0f);
  EXPECT_EQ(triggers(metro(Input::signal(time), 3000)), (std::vector<int>{0, 513, 1025, 1537, 2049, 2561}));
}

TEST(Trig, TriggersOnItsFirstSampleAndAfterEachPlay) {
  EXPECT_EQ(triggers(render("Trig", {Input::value(0.0f)}, 1000)), (std::vector<int>{0}));
  RenderOptions options;
  options.changes = {{640, 0, 2.0f}, {800, 0, -2.0f}, {900, 0, 3.0f}};
  // pyo 1.0.4 triggers on the block after a play() (704); patchc on the play()'s own sample.
  EXPECT_EQ(triggers(render("Trig", {Input::value(1.0f)}, 1000, options)), (std::vector<int>{0, 640, 900}));
}

std::vector<float> metroTriggers(int count) {
  std::vector<float> x(static_cast<size_t>(count), 0.0f);
  x[0] = 1.0f;
  for (int i = 513; i < count; i += 512) x[static_cast<size_t>(i)] = 1.0f;
  return x;
}

std::vector<float> counter(float dir, int count) {
  return render("Counter", {Input::signal(metroTriggers(count)), Input::value(2.0f), Input::value(5.0f), Input::value(dir)},
                count);
}

TEST(Counter, CountsAsPyoInEachDirection) {
  const int at[] = {0, 513, 1025, 1537, 2049, 2561, 3073, 3585, 4097};
  const float pyo[3][9] = {{2, 3, 4, 2, 3, 4, 2, 3, 4}, {4, 3, 2, 4, 3, 2, 4, 3, 2}, {2, 3, 4, 3, 2, 3, 4, 3, 2}};
  for (int dir = 0; dir < 3; ++dir) {
    std::vector<float> y = counter(static_cast<float>(dir), 4700);
    for (int k = 0; k < 9; ++k) {
      EXPECT_EQ(y[at[k]], pyo[dir][k]) << "dir " << dir << " trigger " << k;
      EXPECT_EQ(y[at[k] + 511], pyo[dir][k]) << "held, dir " << dir;
    }
  }
  // No trigger yet: 0. Another dir never counts.
  std::vector<float> none = render("Counter", {Input::value(0.0f), Input::value(2.0f), Input::value(5.0f), Input::value(0.0f)}, 10);
  for (float v : none) EXPECT_EQ(v, 0.0f);
  for (float v : counter(3.0f, 2000)) EXPECT_EQ(v, 0.0f);
}

TEST(Select, TriggersWhenTheInputBecomesItsValue) {
  std::vector<float> counts = counter(0.0f, 6000);
  std::vector<float> y = render("Select", {Input::signal(counts), Input::value(3.0f)}, 6000);
  EXPECT_EQ(triggers(y), (std::vector<int>{513, 2049, 3585, 5121}));
  // The sample before the first is taken as −99: an input starting at the value triggers at once.
  EXPECT_EQ(triggers(render("Select", {Input::value(0.0f), Input::value(0.0f)}, 100)), (std::vector<int>{0}));
}

TEST(Change, TriggersWhenTheInputMoves) {
  std::vector<float> counts = counter(0.0f, 1600);
  EXPECT_EQ(triggers(render("Change", {Input::signal(counts)}, 1600)), (std::vector<int>{0, 513, 1025, 1537}));
  // A slow ramp triggers each time it has moved more than 0.00001 from the last change.
  std::vector<float> ramp(100);
  for (int i = 0; i < 100; ++i) ramp[i] = 0.000004f * static_cast<float>(i);
  std::vector<int> at = triggers(render("Change", {Input::signal(ramp)}, 100));
  ASSERT_GE(at.size(), 2u);
  EXPECT_EQ(at[0], 3);  // 0.000012 > 0.00001
  EXPECT_EQ(at[1], 6);
}

}  // namespace
}  // namespace patchc::stdlibtest
