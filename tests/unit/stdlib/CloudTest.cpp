// Cloud: the rate of its random triggers against pyo 1.0.4's.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel), samples equal to 1 counted:
//   Cloud(1000).play(): 4848 triggers in 10 s, 30207 in 60 s; Cloud(10).play(): 499 in 100 s; Cloud(1000) without
//   play(): none. pyo halves its density (each sample triggers when u·sr < density/2): density/2 a second.
// patchc's generator differs from pyo's, so the rate is checked, not the times.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

size_t cloud(Input density, int count, float playing = 1.0f, uint32_t seed = 1) {
  RenderOptions options;
  options.seed = seed;
  return triggerSamples(render("Cloud", {std::move(density), Input::value(1.0f), Input::value(playing)}, count,
                               options))
      .size();
}

TEST(Cloud, HalfItsDensityASecond) {
  // A Poisson count: within 4 standard deviations of density/2 · seconds.
  const size_t dense = cloud(Input::value(1000.0f), 10 * 44100);
  EXPECT_NEAR(static_cast<double>(dense), 5000.0, 4 * std::sqrt(5000.0));
  const size_t sparse = cloud(Input::value(10.0f), 100 * 44100, 1.0f, 7);
  EXPECT_NEAR(static_cast<double>(sparse), 500.0, 4 * std::sqrt(500.0));
  std::vector<float> density(10 * 44100, 1000.0f);
  EXPECT_NEAR(static_cast<double>(cloud(Input::signal(density), 10 * 44100)), 5000.0, 4 * std::sqrt(5000.0));
}

TEST(Cloud, SilentUntilPlayedOrAtDensityZero) {
  EXPECT_EQ(cloud(Input::value(1000.0f), 44100, 0.0f), 0u);
  EXPECT_EQ(cloud(Input::value(0.0f), 44100), 0u);
  EXPECT_EQ(cloud(Input::value(-5.0f), 44100), 0u);
}

}  // namespace
}  // namespace patchc::stdlibtest
