// Biquadx (cascaded RBJ biquads) and Allpass2 (Zölzer's second-order allpass).
#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> cascade(const std::vector<float>& x, const Input& freq, const Input& q, float type, int stages) {
  std::vector<float> y = x;
  for (int k = 0; k < stages; ++k)
    y = render("Biquad", {Input::signal(y), freq, q, Input::value(type)}, static_cast<int>(x.size()));
  return y;
}

TEST(Biquadx, EqualsCascadedBiquads) {
  const int count = 8000;
  std::vector<float> x = uniformNoise(count, 17, 0.5f);
  std::vector<float> sweep(count);
  for (int i = 0; i < count; ++i) sweep[i] = 300.0f + 2000.0f * static_cast<float>(i) / count;
  for (int type = 0; type <= 4; ++type)
    for (int stages : {1, 2, 4, 7})
      for (const Input& freq : {Input::value(1500.0f), Input::signal(sweep)}) {
        const Input q = Input::value(type == 2 ? 5.0f : 0.9f);
        std::vector<float> fused = render("Biquadx",
                                          {Input::signal(x), freq, q, Input::value(static_cast<float>(type)),
                                           Input::value(static_cast<float>(stages))},
                                          count);
        std::vector<float> chained = cascade(x, freq, q, static_cast<float>(type), stages);
        for (int i = 0; i < count; ++i)
          ASSERT_NEAR(fused[i], chained[i], 1e-5) << "type " << type << ", " << stages << " stages, at " << i;
        // The cascade-fuse pass needs more: the very same samples.
        EXPECT_EQ(fused, chained) << "type " << type << ", " << stages << " stages";
      }
}

TEST(Biquadx, FourStagesAreTheFourthPowerOfOne) {
  // A lowpass at 1 kHz, measured on sines: four stages give 4x the attenuation in dB of one Biquad.
  const int count = 44100;
  for (double freq : {500.0, 2000.0, 6000.0}) {
    std::vector<float> x = sineWave(freq, 1.0, count);
    auto gain = [&](const char* name, std::vector<Input> inputs) {
      return std::abs(toneAt(render(name, inputs, count), freq, count / 2, count));
    };
    double one = gain("Biquad", {Input::signal(x), Input::value(1000.0f), Input::value(1.0f), Input::value(0.0f)});
    double four = gain("Biquadx", {Input::signal(x), Input::value(1000.0f), Input::value(1.0f), Input::value(0.0f),
                                   Input::value(4.0f)});
    EXPECT_NEAR(decibels(four), 4.0 * decibels(one), 0.05) << freq;
  }
}

// The steady-state response of Allpass2 at `freq` relative to its input, from a 1 s sine.
std::complex<double> allpassResponse(float centre, float bandwidth, double freq) {
  const int count = 44100;
  std::vector<float> x = sineWave(freq, 1.0, count);
  std::vector<float> y = render("Allpass2", {Input::signal(x), Input::value(centre), Input::value(bandwidth)}, count);
  return toneAt(y, freq, count / 2, count) / toneAt(x, freq, count / 2, count);
}

TEST(Allpass2, UnityMagnitude) {
  for (float bandwidth : {20.0f, 100.0f, 1000.0f})
    for (double freq : {50.0, 500.0, 950.0, 1000.0, 1050.0, 3000.0, 15000.0})
      EXPECT_NEAR(decibels(std::abs(allpassResponse(1000.0f, bandwidth, freq))), 0.0, 0.01)
          << "bw " << bandwidth << " at " << freq;
}

// The phase of Allpass2's frequency response at `freq`, from its impulse response (the DTFT of 1 s of it).
double allpassPhase(const std::vector<float>& response, double freq) {
  std::complex<double> sum = 0.0;
  for (size_t n = 0; n < response.size(); ++n)
    sum +=
        static_cast<double>(response[n]) * std::polar(1.0, -2.0 * M_PI * freq * static_cast<double>(n) / kSampleRate);
  return std::arg(sum);
}

// The frequency in [lo, hi] where the unwrapped phase (falling from 0 to -2π) crosses `target`, by bisection.
double phaseCrossing(const std::vector<float>& response, double target, double lo, double hi) {
  auto unwrapped = [&](double f) {
    double phase = allpassPhase(response, f);
    return phase > 0.0 ? phase - 2.0 * M_PI : phase;  // the whole curve lies in (-2π, 0]
  };
  for (int k = 0; k < 40; ++k) {
    double mid = 0.5 * (lo + hi);
    (unwrapped(mid) > target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

TEST(Allpass2, PhaseIsMinusPiAtFreqAndBandwidthBetweenQuarterTurns) {
  for (float centre : {300.0f, 1000.0f, 5000.0f})
    for (float bandwidth : {50.0f, 200.0f}) {
      EXPECT_NEAR(std::abs(std::arg(allpassResponse(centre, bandwidth, centre))), M_PI, 0.01)
          << centre << " Hz, bw " << bandwidth;
      // -π/2 and -3π/2 lie `bw` Hz apart around the centre (as pyo 1.0.4's: 952 and 1052 Hz for 1000, 100).
      std::vector<float> response =
          render("Allpass2", {Input::signal(impulse(44100)), Input::value(centre), Input::value(bandwidth)}, 44100);
      double lower = phaseCrossing(response, -M_PI / 2, 1.0, centre);
      double upper = phaseCrossing(response, -3 * M_PI / 2, centre, 20000.0);
      EXPECT_NEAR(upper - lower, bandwidth, 0.02 * bandwidth) << centre << " Hz, bw " << bandwidth;
      EXPECT_NEAR(phaseCrossing(response, -M_PI, 1.0, 20000.0), centre, 0.001 * centre);
    }
}

TEST(Allpass2, MatchesPyoImpulseResponse) {
  // Measured with pyo 1.0.4 (Allpass2(impulse, freq=1000, bw=100)), from the impulse on.
  std::vector<float> y =
      render("Allpass2", {Input::signal(impulse(8)), Input::value(1000.0f), Input::value(100.0f)}, 8);
  const float pyo[5] = {0.98585337f, -0.02780771f, -0.02656817f, -0.02481008f, -0.02257609f};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(y[i], pyo[i], 2e-5) << i;  // pyo rounds its coefficients differently
}

}  // namespace
}  // namespace patchc::stdlibtest
