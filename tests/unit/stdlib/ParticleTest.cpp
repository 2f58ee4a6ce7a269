// Particle(table, env, dens, pitch, pos, dur, dev, pan, chnls) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV, divided by a
// Sig(1) recorded beside it (pyo's fade-in); env a DataTable of two 1s, dev=0:
//   table DataTable(44100 ones), dens=100, dur=0.003: grains (output 1) start at samples 0, 440, 881, 1322, 1763,
//     2204, 2645, 3086, 3527, 3968, 4409, 4850 and end (output 0) at 133, 573, 1014, 1455, 1896, 2337, 2778, 3219,
//     3660, 4101, 4542, 4983: the timer starts at 1 and keeps its excess, a grain reads ⌈dur·sr⌉ samples.
//   the same, dens=137, dur=0.05 (overlapping grains: the output counts them): it becomes 2 at 321, 3 at 643, 4 at
//     965, 5 at 1287, 6 at 1609, 7 at 1931, 6 at 2205, 7 at 2253, 6 at 2526, 7 at 2575, 6 at 2848, 7 at 2897.
//   table DataTable(44100, i/44100), dens=10, pitch=1.5, pos=1000, dur=0.02: samples 0, 1, 2, 881 are
//     0.02267574, 0.02270975, 0.02274376, 0.05264197 ((1000 + 1.5·k)/44100), 0 at 882; the next grain at 4409.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> constantTable(int size, float value) { return std::vector<float>(static_cast<size_t>(size) + 1, value); }

std::vector<float> particle(const std::vector<float>& table, float dens, float pitch, float pos, float dur, int count) {
  return render("Particle", {Input::array(table), Input::array(constantTable(2, 1.0f)), Input::value(dens),
                             Input::value(pitch), Input::value(pos), Input::value(dur), Input::value(0.0f),
                             Input::value(0.5f), Input::value(1.0f), Input::value(0.0f)},
                count);
}

TEST(Particle, GrainsStartAndEndOnPyosSamples) {
  std::vector<float> y = particle(constantTable(44100, 1.0f), 100.0f, 1.0f, 0.0f, 0.003f, 5000);
  std::vector<int> starts, ends;
  for (int i = 0; i < 5000; ++i) {
    if (y[i] > 0.0f && (i == 0 || y[i - 1] == 0.0f)) starts.push_back(i);
    if (i > 0 && y[i] == 0.0f && y[i - 1] > 0.0f) ends.push_back(i);
  }
  EXPECT_EQ(starts, (std::vector<int>{0, 440, 881, 1322, 1763, 2204, 2645, 3086, 3527, 3968, 4409, 4850}));
  EXPECT_EQ(ends, (std::vector<int>{133, 573, 1014, 1455, 1896, 2337, 2778, 3219, 3660, 4101, 4542, 4983}));
}

TEST(Particle, OverlappingGrainsAsPyos) {
  std::vector<float> y = particle(constantTable(44100, 1.0f), 137.0f, 1.0f, 0.0f, 0.05f, 3000);
  std::vector<std::pair<int, int>> changes;
  for (int i = 1; i < 3000; ++i)
    if (y[i] != y[i - 1]) changes.emplace_back(i, static_cast<int>(std::lround(y[i])));
  const std::vector<std::pair<int, int>> kPyo = {{321, 2},  {643, 3},  {965, 4},  {1287, 5}, {1609, 6}, {1931, 7},
                                                 {2205, 6}, {2253, 7}, {2526, 6}, {2575, 7}, {2848, 6}, {2897, 7}};
  EXPECT_EQ(changes, kPyo);
}

TEST(Particle, PitchAndPositionAsPyos) {
  std::vector<float> ramp(44101);
  for (int i = 0; i <= 44100; ++i) ramp[i] = static_cast<float>(i / 44100.0);
  std::vector<float> y = particle(ramp, 10.0f, 1.5f, 1000.0f, 0.02f, 5000);
  EXPECT_NEAR(y[0], 0.02267574, 1e-6);
  EXPECT_NEAR(y[1], 0.02270975, 1e-6);
  EXPECT_NEAR(y[2], 0.02274376, 1e-6);
  EXPECT_NEAR(y[881], 0.05264197, 1e-6);
  EXPECT_EQ(y[882], 0.0f);
  EXPECT_EQ(y[4408], 0.0f);
  EXPECT_NEAR(y[4409], 0.02267574, 1e-6);
}

TEST(Particle, GrainPastTheTableIsDropped) {
  // pos + dur·sr·pitch beyond the table: pyo starts no grain.
  std::vector<float> y = particle(constantTable(1000, 1.0f), 100.0f, 1.0f, 900.0f, 0.01f, 2000);
  for (float v : y) ASSERT_EQ(v, 0.0f);
}

TEST(Particle, DeviationMovesTheStarts) {
  auto starts = [](uint32_t seed) {
    std::vector<float> y = render("Particle", {Input::array(constantTable(44100, 1.0f)), Input::array(constantTable(2, 1.0f)),
                                               Input::value(100.0f), Input::value(1.0f), Input::value(0.0f),
                                               Input::value(0.003f), Input::value(0.5f), Input::value(0.5f),
                                               Input::value(1.0f), Input::value(0.0f)},
                                  20000, {.seed = seed});
    std::vector<int> s;
    for (int i = 1; i < 20000; ++i)
      if (y[i] > 0.0f && y[i - 1] == 0.0f) s.push_back(i);
    return s;
  };
  std::vector<int> a = starts(1);
  EXPECT_NE(a, starts(2));
  // dev 0.5 scales the timer's step by d, uniform in [0.5, 1.5]: intervals 441/d, 294..882 samples, 441·ln 3 =
  // 484.5 on average.
  for (size_t k = 1; k < a.size(); ++k) {
    EXPECT_GE(a[k] - a[k - 1], 293);
    EXPECT_LE(a[k] - a[k - 1], 883);
  }
  EXPECT_NEAR(static_cast<double>(a.back() - a.front()) / (a.size() - 1), 484.5, 40.0);
}

}  // namespace
}  // namespace patchc::stdlibtest
