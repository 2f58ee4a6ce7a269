// Butterworth filters through the whole pipeline: the gain at three frequencies against the analytic response
// of the bilinear-transformed, prewarped Butterworth designs, within 0.5 dB.
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <fmt/format.h>

#include <cmath>
#include <complex>

namespace patchc::test {
namespace {

constexpr double kSr = 44100.0;

// Second-order Butterworth lowpass/highpass after the bilinear transform, prewarped at the cutoff.
double butterworthLowpassGain(double f, double fc) {
  double r = std::tan(M_PI * f / kSr) / std::tan(M_PI * fc / kSr);
  return 1.0 / std::sqrt(1.0 + std::pow(r, 4));
}
double butterworthHighpassGain(double f, double fc) {
  double r = std::tan(M_PI * fc / kSr) / std::tan(M_PI * f / kSr);
  return 1.0 / std::sqrt(1.0 + std::pow(r, 4));
}
// The bandpass: analog prototype B·s / (s² + B·s + w0²) with bandwidth B = fc / q, bilinear with prewarping
// (the design of Csound's butterbp): |H| = 1 / sqrt(1 + ((w² - w0²) / (B·w))²) with w = tan(π f / sr) etc.
double butterworthBandpassGain(double f, double fc, double q) {
  double c = 1.0 / std::tan(M_PI * (fc / q) / kSr);
  double d = 2.0 * std::cos(2.0 * M_PI * fc / kSr);
  double a0 = 1.0 / (1.0 + c), b1 = -c * d * a0, b2 = (c - 1.0) * a0;
  std::complex<double> z = std::polar(1.0, -2.0 * M_PI * f / kSr);
  return std::abs(a0 * (1.0 - z * z) / (1.0 + b1 * z + b2 * z * z));
}

double measuredGain(const std::string& filter, double f) {
  auto r = renderPatch(fmt::format("src = Sine({}, mul=0.5)\nf = {}.out()\n", f, filter), 1.5);
  auto steady = slice(r.channels[0], r.sampleRate, 0.5, 1.5);  // past the transient
  return amplitudeAt(steady, r.sampleRate, f) / 0.5;
}

struct FilterCase {
  const char* object;
  double fc;
  double q;
};

class ButterworthAudio : public ::testing::TestWithParam<FilterCase> {};

TEST_P(ButterworthAudio, GainMatchesTheAnalyticResponse) {
  const auto& c = GetParam();
  std::string filter = c.q > 0 ? fmt::format("{}(src, freq={}, q={})", c.object, c.fc, c.q)
                               : fmt::format("{}(src, freq={})", c.object, c.fc);
  for (double f : {c.fc / 4, c.fc, c.fc * 4}) {
    double expected = std::string(c.object) == "ButLP"   ? butterworthLowpassGain(f, c.fc)
                      : std::string(c.object) == "ButHP" ? butterworthHighpassGain(f, c.fc)
                                                         : butterworthBandpassGain(f, c.fc, c.q);
    double measured = measuredGain(filter, f);
    EXPECT_NEAR(toDb(measured), toDb(expected), 0.5) << filter << " at " << f << " Hz";
  }
}

INSTANTIATE_TEST_SUITE_P(Filters, ButterworthAudio,
                         ::testing::Values(FilterCase{"ButLP", 1000, 0}, FilterCase{"ButHP", 1000, 0},
                                           FilterCase{"ButBP", 1000, 2}, FilterCase{"ButLP", 3000, 0}),
                         [](const auto& info) {
                           return fmt::format("{}_{}", info.param.object, static_cast<int>(info.param.fc));
                         });

TEST(FilterAudio, ButLPIsThreeDecibelsDownAtItsCutoff) {
  EXPECT_NEAR(toDb(measuredGain("ButLP(src, freq=2000)", 2000)), -3.01, 0.1);
}

}  // namespace
}  // namespace patchc::test
