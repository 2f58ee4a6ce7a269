// FM(carrier, ratio, index): Chowning's sidebands at the levels pyo 1.0.4 gives, and pyo's sample order.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> fm(float carrier, float ratio, float index, int count) {
  return render("FM", {Input::value(carrier), Input::value(ratio), Input::value(index)}, count);
}

TEST(FM, SidebandsAtPyosLevels) {
  // pyo 1.0.4, FM(carrier=1000, ratio=0.25, index=2), 1 s at 44.1 kHz, Hann-windowed levels at carrier ± k·250 Hz
  // (the Bessel functions J_k(2) = 0.2239, 0.5767, 0.3528, 0.1289): 0.22385 at 1000 Hz, 0.57671 at 1250,
  // 0.57681 at 750, 0.35285 at 1500, 0.12895 at 1750.
  std::vector<float> out = fm(1000.0f, 0.25f, 2.0f, 44100);
  const std::pair<double, double> pyo[] = {
      {1000.0, 0.22385}, {1250.0, 0.57671}, {750.0, 0.57681}, {1500.0, 0.35285}, {1750.0, 0.12895}};
  for (auto [freq, level] : pyo)
    EXPECT_NEAR(std::abs(toneAt(out, freq, 0, out.size())), level, 0.01 * level) << freq << " Hz";
  // Nothing between the sidebands.
  EXPECT_LT(std::abs(toneAt(out, 1125.0, 0, out.size())), 1e-3);
}

TEST(FM, FollowsPyosRecurrence) {
  // out[i] = sin(2π φc[i]); φc steps by (carrier + m·index·sin(2π φm[i]))/sr, φm by m/sr, m = carrier·ratio: pyo's
  // first samples (measured, after its output fade-in is divided out) are sin(0), sin(2π·1000/sr),
  // sin(2π(2000 + 500·sin(2π·250/sr))/sr).
  const double sr = kSampleRate, carrier = 1000, ratio = 0.25, index = 2;
  std::vector<float> out = fm(1000.0f, 0.25f, 2.0f, 2000);
  double pc = 0, pm = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    ASSERT_NEAR(out[i], std::sin(2 * M_PI * pc), 2e-5) << "sample " << i;
    double m = carrier * ratio;
    pc += (carrier + m * index * std::sin(2 * M_PI * pm)) / sr;
    pm += m / sr;
  }
}

TEST(FM, IndexZeroIsTheCarrierAlone) {
  std::vector<float> out = fm(440.0f, 0.5f, 0.0f, 44100);
  EXPECT_NEAR(std::abs(toneAt(out, 440.0, 0, out.size())), 1.0, 1e-3);
  EXPECT_LT(std::abs(toneAt(out, 660.0, 0, out.size())), 1e-4);
}

}  // namespace
}  // namespace patchc::stdlibtest
