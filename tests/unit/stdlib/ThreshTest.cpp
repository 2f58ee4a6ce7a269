// Thresh: crossing samples exact against pyo 1.0.4.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel), triggers where the sample is 1:
//   Thresh(Phasor(100), 0.5, dir=0): 221, 662, 1103, 1544, 1985;  dir=1: 441, 882, 1323, 1764, 2205;
//   dir=2: 0, 221, 441, 662, 882, 1103, 1323, 1544, 1764, 1985, 2205
//   Thresh(Sig(1), 0.5): none;  Thresh(Sig(0), 0.5, dir=1): none (it starts not ready)
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

// pyo's Phasor(100) at 44100 Hz: 0, 1/441, ..., wrapping every 441 samples.
std::vector<float> phasor(int count) {
  std::vector<float> x(static_cast<size_t>(count));
  double phase = 0.0;
  for (auto& v : x) {
    v = static_cast<float>(phase);
    phase += 100.0 / 44100.0;
    if (phase >= 1.0) phase -= 1.0;
  }
  return x;
}

std::vector<int> thresh(Input input, float threshold, float dir, int count) {
  return triggerSamples(render("Thresh", {std::move(input), Input::value(threshold), Input::value(dir)}, count));
}

TEST(Thresh, CrossesAsPyo) {
  EXPECT_EQ(thresh(Input::signal(phasor(2206)), 0.5f, 0, 2206), (std::vector<int>{221, 662, 1103, 1544, 1985}));
  EXPECT_EQ(thresh(Input::signal(phasor(2206)), 0.5f, 1, 2206), (std::vector<int>{441, 882, 1323, 1764, 2205}));
  EXPECT_EQ(thresh(Input::signal(phasor(2206)), 0.5f, 2, 2206),
            (std::vector<int>{0, 221, 441, 662, 882, 1103, 1323, 1544, 1764, 1985, 2205}));
}

TEST(Thresh, StartsNotReady) {
  EXPECT_TRUE(thresh(Input::value(1.0f), 0.5f, 0, 1000).empty());
  EXPECT_TRUE(thresh(Input::value(0.0f), 0.5f, 1, 1000).empty());
  EXPECT_TRUE(thresh(Input::signal(phasor(2206)), 0.5f, 3, 2206).empty());  // no such dir
}

TEST(Thresh, AudioRateThreshold) {
  // A threshold signal moving with the input never lets it cross; held at 0.5 it is the constant.
  std::vector<float> held(2206, 0.5f);
  EXPECT_EQ(triggerSamples(render("Thresh", {Input::signal(phasor(2206)), Input::signal(held), Input::value(0)}, 2206)),
            (std::vector<int>{221, 662, 1103, 1544, 1985}));
}

}  // namespace
}  // namespace patchc::stdlibtest
