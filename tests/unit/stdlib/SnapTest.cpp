// Snap against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz: `Snap(Sig(v), choice=[...],
// scale=s).out(k)`, one channel each, 32-bit float WAV, sample 2000 divided by pyo's recorder gain (0.99999923).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> snap(const Input& x, std::vector<float> choice, float scale, int count) {
  return render("Snap", {x, Input::array(std::move(choice)), Input::value(scale)}, count);
}

TEST(Snap, ValuesArePyos) {
  struct Case {
    float input;
    std::vector<float> choice;
    float scale;
    double output;
  };
  const std::vector<float> major = {0, 2, 4, 5, 7, 9, 11};
  for (const Case& c : {Case{61.3f, major, 0, 62}, {61.3f, major, 1, 293.6656}, {61.3f, major, 2, 1.122462},
                        {-3, {0, 4, 7}, 0, 0}, {30, {0, 3, 7, 12, 15}, 0, 31}, {30.5f, {0.5f, 3.7f, 7}, 0, 31},
                        {0.0005f, {5}, 1, 0}})
    EXPECT_NEAR(snap(Input::value(c.input), c.choice, c.scale, 2001)[2000], c.output, 2e-6 * c.output + 1e-6)
        << c.input << " scale " << c.scale;
}

TEST(Snap, HoldsUntilTheInputMovesAndFarInputsStayFast) {
  // A move of 0.001 or less keeps the last note (pyo's hysteresis); a huge input counts its octaves by division.
  std::vector<float> x = {60.2f, 60.2009f, 61.4f, 1e30f};
  std::vector<float> y = snap(Input::signal(x), {0, 2, 4, 5, 7, 9, 11}, 0, 4);
  EXPECT_EQ(y[0], 60.0f);
  EXPECT_EQ(y[1], 60.0f);
  EXPECT_EQ(y[2], 62.0f);
  EXPECT_TRUE(std::isfinite(y[3]));
  EXPECT_EQ(snap(Input::value(5.0f), {}, 0, 10)[9], 0.0f);  // an empty scale: silence
}

}  // namespace
}  // namespace patchc::stdlibtest
