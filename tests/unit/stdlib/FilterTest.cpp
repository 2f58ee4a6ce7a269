// ButLP, ButHP, ButBP and Biquad: steady-state sine gains against the analytic responses, written here
// from the prototypes (not from the kernels' coefficients).
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <functional>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr double kSr = kSampleRate;
constexpr double kToleranceDb = 0.1;  // the measurement itself is good to ~0.01 dB

// The steady-state gain of a filter on a unit sine at `freq`, from the last half of a one-second render.
double measuredGain(const std::string& name, std::vector<Input> parameters, double freq) {
  const int count = 44100;
  std::vector<Input> inputs = {Input::signal(sineWave(freq, 1.0, count))};
  for (Input& p : parameters) inputs.push_back(std::move(p));
  std::vector<float> out = render(name, inputs, count);
  return std::abs(toneAt(out, freq, count / 2, count));
}

// Ω = tan(ω/2) / tan(π fc / sr): the analog frequency the bilinear transform maps ω to, in units of the
// prewarped cutoff.
double warped(double freq, double cutoff) { return std::tan(M_PI * freq / kSr) / std::tan(M_PI * cutoff / kSr); }

// Second-order Butterworth prototypes, |H(jΩ)|² = 1 / (1 + Ω⁴) and Ω⁴ / (1 + Ω⁴).
double butterworthLowpassGain(double freq, double cutoff) {
  double w = warped(freq, cutoff);
  return 1.0 / std::sqrt(1.0 + std::pow(w, 4));
}
double butterworthHighpassGain(double freq, double cutoff) {
  double w = warped(freq, cutoff);
  return w * w / std::sqrt(1.0 + std::pow(w, 4));
}
// The bandpass prototype B s / (s² + B s + ω0²) through the bilinear transform with the bandwidth prewarped
// (Csound's butterbp): |H|² = 1 / (1 + C² (cos ω - cos ω0)² / sin² ω), C = 1 / tan(π B / sr).
double butterworthBandpassGain(double freq, double centre, double q) {
  double c = 1.0 / std::tan(M_PI * (centre / q) / kSr);
  double w = 2.0 * M_PI * freq / kSr, w0 = 2.0 * M_PI * centre / kSr;
  double r = c * (std::cos(w) - std::cos(w0)) / std::sin(w);
  return 1.0 / std::sqrt(1.0 + r * r);
}

void expectGains(const std::string& name, std::vector<float> parameters, std::vector<double> freqs,
                 const std::function<double(double)>& analytic) {
  for (double freq : freqs) {
    std::vector<Input> inputs;
    for (float p : parameters) inputs.push_back(Input::value(p));
    double measured = decibels(measuredGain(name, inputs, freq));
    double expected = decibels(analytic(freq));
    EXPECT_NEAR(measured, expected, kToleranceDb) << name << " at " << freq << " Hz";
  }
}

TEST(ButLP, MatchesBilinearButterworth) {
  for (double cutoff : {200.0, 1000.0, 5000.0})
    expectGains("ButLP", {static_cast<float>(cutoff)}, {cutoff / 4, cutoff, cutoff * 3},
                [&](double f) { return butterworthLowpassGain(f, cutoff); });
}

TEST(ButLP, MinusThreeDecibelsAtCutoff) {
  EXPECT_NEAR(decibels(measuredGain("ButLP", {Input::value(1000.0f)}, 1000.0)), -3.0103, 0.05);
  EXPECT_LT(decibels(measuredGain("ButLP", {Input::value(1000.0f)}, 10000.0)), -38.0);  // 12 dB/octave and more
}

TEST(ButHP, MatchesBilinearButterworth) {
  for (double cutoff : {200.0, 1000.0, 5000.0})
    expectGains("ButHP", {static_cast<float>(cutoff)}, {cutoff / 3, cutoff, cutoff * 4},
                [&](double f) { return butterworthHighpassGain(f, cutoff); });
  EXPECT_NEAR(decibels(measuredGain("ButHP", {Input::value(1000.0f)}, 1000.0)), -3.0103, 0.05);
}

TEST(ButBP, MatchesBilinearButterworth) {
  for (double q : {1.0, 5.0, 30.0})
    for (double centre : {300.0, 2000.0}) {
      double bandwidth = centre / q;
      expectGains("ButBP", {static_cast<float>(centre), static_cast<float>(q)},
                  {centre - bandwidth / 2, centre, centre + 2 * bandwidth},
                  [&](double f) { return butterworthBandpassGain(f, centre, q); });
    }
  EXPECT_NEAR(decibels(measuredGain("ButBP", {Input::value(1000.0f), Input::value(2.0f)}, 1000.0)), 0.0, 0.05);
}

// ButBR is the bandpass's power complement: |BR|² = 1 − |BP|², 0 at the centre (pyo's 04/05-midi examples' notches).
TEST(ButBR, ComplementsTheBandpass) {
  for (double q : {1.0, 5.0})
    for (double centre : {300.0, 2000.0}) {
      double bandwidth = centre / q;
      expectGains("ButBR", {static_cast<float>(centre), static_cast<float>(q)},
                  {centre / 4, centre - bandwidth / 2, centre + 2 * bandwidth, centre * 3},
                  [&](double f) {
                    const double bp = butterworthBandpassGain(f, centre, q);
                    return std::sqrt(std::max(0.0, 1.0 - bp * bp));
                  });
    }
  EXPECT_LT(decibels(measuredGain("ButBR", {Input::value(1000.0f), Input::value(2.0f)}, 1000.0)), -40.0);
}

// The RBJ cookbook transfer functions (before normalization), evaluated at e^jω.
std::complex<double> cookbookResponse(int type, double freq, double centre, double q) {
  double w0 = 2.0 * M_PI * centre / kSr, alpha = std::sin(w0) / (2.0 * q), cw = std::cos(w0);
  double b[3];
  switch (type) {
    case 0:
      b[0] = (1 - cw) / 2;
      b[1] = 1 - cw;
      b[2] = (1 - cw) / 2;
      break;
    case 1:
      b[0] = (1 + cw) / 2;
      b[1] = -(1 + cw);
      b[2] = (1 + cw) / 2;
      break;
    case 2:
      b[0] = alpha;
      b[1] = 0;
      b[2] = -alpha;
      break;
    case 3:
      b[0] = 1;
      b[1] = -2 * cw;
      b[2] = 1;
      break;
    default:
      b[0] = 1 - alpha;
      b[1] = -2 * cw;
      b[2] = 1 + alpha;
      break;
  }
  double a[3] = {1 + alpha, -2 * cw, 1 - alpha};
  std::complex<double> z1 = std::polar(1.0, -2.0 * M_PI * freq / kSr), z2 = z1 * z1;
  return (b[0] + b[1] * z1 + b[2] * z2) / (a[0] + a[1] * z1 + a[2] * z2);
}

TEST(Biquad, MatchesCookbookForEveryType) {
  for (int type = 0; type <= 4; ++type)
    for (double q : {0.707, 4.0}) {
      const double centre = 1500.0;
      // The notch (type 3) at its centre is -inf dB: measure it below.
      std::vector<double> freqs =
          type == 3 ? std::vector<double>{500.0, 1400.0, 4000.0} : std::vector<double>{500.0, centre, 4000.0};
      expectGains("Biquad", {static_cast<float>(centre), static_cast<float>(q), static_cast<float>(type)}, freqs,
                  [&](double f) { return std::abs(cookbookResponse(type, f, centre, q)); });
    }
}

TEST(Biquad, NotchAndAllpass) {
  const std::vector<Input> notch = {Input::value(1500.0f), Input::value(2.0f), Input::value(3.0f)};
  EXPECT_LT(decibels(measuredGain("Biquad", notch, 1500.0)), -60.0);
  // The allpass keeps the gain and turns the phase by -π at its centre.
  const int count = 44100;
  std::vector<float> x = sineWave(1500.0, 1.0, count);
  std::vector<float> y =
      render("Biquad", {Input::signal(x), Input::value(1500.0f), Input::value(2.0f), Input::value(4.0f)}, count);
  std::complex<double> h = toneAt(y, 1500.0, count / 2, count) / toneAt(x, 1500.0, count / 2, count);
  EXPECT_NEAR(std::abs(h), 1.0, 1e-3);
  EXPECT_NEAR(std::abs(std::arg(h)), M_PI, 1e-2);
}

TEST(Biquad, TypeZeroIsDefaultAndLowpass) {
  const ObjectSpec* spec = Registry::builtin().find("Biquad");
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(spec->inputs[3].defaultValue, 0.0f);
  EXPECT_LT(decibels(measuredGain("Biquad", {Input::value(500.0f), Input::value(1.0f), Input::value(0.0f)}, 8000.0)),
            -40.0);
}

TEST(StdlibFilters, SweptCutoffStaysStable) {
  // A cutoff swept at audio rate from 20 Hz to 20 kHz and back must not blow up.
  const int count = 44100;
  std::vector<float> cutoff(count), q(count, 0.7f);
  for (int i = 0; i < count; ++i) cutoff[i] = 10010.0f - 9990.0f * std::cos(2.0f * kernel::kPi * 5.0f * i / 44100.0f);
  std::vector<float> x = uniformNoise(count, 7);
  for (const char* name : {"ButLP", "ButHP"}) {
    std::vector<float> y = render(name, {Input::signal(x), Input::signal(cutoff)}, count);
    for (float v : y) ASSERT_TRUE(std::isfinite(v) && std::abs(v) < 10.0f) << name;
  }
  for (const char* name : {"ButBP", "Biquad"}) {
    std::vector<Input> inputs = {Input::signal(x), Input::signal(cutoff), Input::signal(q)};
    if (std::string(name) == "Biquad") inputs.push_back(Input::value(2.0f));
    std::vector<float> y = render(name, inputs, count);
    for (float v : y) ASSERT_TRUE(std::isfinite(v) && std::abs(v) < 10.0f) << name;
  }
}

}  // namespace
}  // namespace patchc::stdlibtest
