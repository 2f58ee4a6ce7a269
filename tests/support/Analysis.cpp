#include "tests/support/Analysis.h"

#include <kissfft/kiss_fftr.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <memory>
#include <numbers>

namespace patchc::test {

namespace {

size_t nextPowerOfTwo(size_t n) {
  size_t p = 2;  // kiss_fftr needs an even size
  while (p < n) p *= 2;
  return p;
}

// Symmetric Hann window: w[0] = w[n-1] = 0.
std::vector<double> hann(size_t n) {
  std::vector<double> w(n, 1.0);
  if (n < 2) return w;
  for (size_t i = 0; i < n; ++i) w[i] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(i) / double(n - 1));
  return w;
}

// Real FFT of `input` zero-padded to `fftSize` (even); returns fftSize/2 + 1 bins.
std::vector<std::complex<double>> realFft(const std::vector<double>& input, size_t fftSize) {
  std::unique_ptr<std::remove_pointer_t<kiss_fftr_cfg>, decltype(&std::free)> config(
      kiss_fftr_alloc(int(fftSize), 0, nullptr, nullptr), &std::free);
  std::vector<kiss_fft_scalar> padded(fftSize, 0.0f);
  std::copy_n(input.begin(), std::min(input.size(), fftSize), padded.begin());
  std::vector<kiss_fft_cpx> bins(fftSize / 2 + 1);
  kiss_fftr(config.get(), padded.data(), bins.data());
  std::vector<std::complex<double>> out(bins.size());
  for (size_t k = 0; k < bins.size(); ++k) out[k] = {double(bins[k].r), double(bins[k].i)};
  return out;
}

std::vector<double> windowed(const std::vector<float>& x, size_t begin, size_t count, const std::vector<double>& w,
                             double offset = 0.0) {
  std::vector<double> out(count);
  for (size_t i = 0; i < count; ++i) out[i] = (double(x[begin + i]) - offset) * w[i];
  return out;
}

// One-sided power, with the bins that stand for two (all but DC and Nyquist) counted twice.
std::vector<double> oneSidedPower(const std::vector<std::complex<double>>& bins) {
  std::vector<double> power(bins.size());
  for (size_t k = 0; k < bins.size(); ++k)
    power[k] = std::norm(bins[k]) * (k == 0 || k + 1 == bins.size() ? 1.0 : 2.0);
  return power;
}

}  // namespace

double peakFrequency(const std::vector<float>& x, double sampleRate) {
  const size_t n = x.size();
  if (n < 4) return 0.0;
  double mean = 0;
  for (float v : x) mean += v;
  mean /= double(n);
  // Padding 4x samples the window's main lobe finely, so the log-parabola's bias is far below 0.001 bin.
  const size_t fftSize = nextPowerOfTwo(4 * n);
  const auto bins = realFft(windowed(x, 0, n, hann(n), mean), fftSize);
  size_t best = 1;
  for (size_t k = 2; k + 1 < bins.size(); ++k)
    if (std::norm(bins[k]) > std::norm(bins[best])) best = k;
  if (std::norm(bins[best]) == 0.0) return 0.0;
  // Quadratic interpolation of log magnitude (exact for a Gaussian lobe, near-exact for Hann's).
  auto logMagnitude = [&](size_t k) { return 0.5 * std::log(std::norm(bins[k]) + 1e-300); };
  const double a = logMagnitude(best - 1), b = logMagnitude(best), c = logMagnitude(best + 1);
  const double denominator = a - 2.0 * b + c;
  const double offset = denominator != 0.0 ? 0.5 * (a - c) / denominator : 0.0;
  return (double(best) + offset) * sampleRate / double(fftSize);
}

double amplitudeAt(const std::vector<float>& x, double sampleRate, double freq) {
  const size_t n = x.size();
  if (n == 0) return 0.0;
  const std::vector<double> w = hann(n);
  // Weighted normal equations for the basis (cos, sin, 1).
  double m[3][3] = {}, r[3] = {};
  const double omega = 2.0 * std::numbers::pi * freq / sampleRate;
  for (size_t i = 0; i < n; ++i) {
    const double basis[3] = {std::cos(omega * double(i)), std::sin(omega * double(i)), 1.0};
    for (int a = 0; a < 3; ++a) {
      r[a] += w[i] * double(x[i]) * basis[a];
      for (int b = 0; b < 3; ++b) m[a][b] += w[i] * basis[a] * basis[b];
    }
  }
  // Gaussian elimination with partial pivoting. At 0 Hz or Nyquist a column is (nearly) degenerate: its
  // coefficient is then left at 0 rather than blowing up.
  double coefficient[3] = {};
  const double scale = m[0][0] + m[1][1] + m[2][2];
  bool usable[3] = {true, true, true};
  for (int col = 0; col < 3; ++col) {
    int pivot = col;
    for (int row = col + 1; row < 3; ++row)
      if (std::abs(m[row][col]) > std::abs(m[pivot][col])) pivot = row;
    std::swap(m[pivot], m[col]);
    std::swap(r[pivot], r[col]);  // rows only: coefficient[i] stays basis i's
    if (std::abs(m[col][col]) < 1e-9 * scale) {
      usable[col] = false;
      continue;
    }
    for (int row = col + 1; row < 3; ++row) {
      const double factor = m[row][col] / m[col][col];
      for (int k = col; k < 3; ++k) m[row][k] -= factor * m[col][k];
      r[row] -= factor * r[col];
    }
  }
  for (int col = 2; col >= 0; --col) {
    if (!usable[col]) continue;
    double sum = r[col];
    for (int k = col + 1; k < 3; ++k) sum -= m[col][k] * coefficient[k];
    coefficient[col] = sum / m[col][col];
  }
  return std::hypot(coefficient[0], coefficient[1]);
}

double rms(const std::vector<float>& x, size_t begin, size_t end) {
  end = std::min(end, x.size());
  if (begin >= end) return 0.0;
  double sum = 0;
  for (size_t i = begin; i < end; ++i) sum += double(x[i]) * double(x[i]);
  return std::sqrt(sum / double(end - begin));
}

double peakAbs(const std::vector<float>& x, size_t begin, size_t end) {
  end = std::min(end, x.size());
  double peak = 0;
  for (size_t i = begin; i < end; ++i) peak = std::max(peak, std::abs(double(x[i])));
  return peak;
}

std::vector<size_t> changes(const std::vector<float>& x) {
  std::vector<size_t> at;
  for (size_t i = 1; i < x.size(); ++i)
    if (x[i] != x[i - 1]) at.push_back(i);
  return at;
}

double largestDifference(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return std::numeric_limits<double>::infinity();
  double largest = 0;
  for (size_t i = 0; i < a.size(); ++i) largest = std::max(largest, std::abs(double(a[i]) - double(b[i])));
  return largest;
}

double toDb(double ratio) { return ratio > 0 ? 20.0 * std::log10(ratio) : -std::numeric_limits<double>::infinity(); }

std::vector<double> magnitudeSpectrum(const std::vector<float>& x, size_t fftSize) {
  const size_t n = x.size();
  if (fftSize == 0) fftSize = nextPowerOfTwo(n);
  fftSize = nextPowerOfTwo(fftSize);
  const size_t used = std::min(n, fftSize);
  const std::vector<double> w = hann(used);
  double windowSum = 0;
  for (double v : w) windowSum += v;
  const auto bins = realFft(windowed(x, 0, used, w), fftSize);
  std::vector<double> magnitude(bins.size());
  for (size_t k = 0; k < bins.size(); ++k) {
    const double sides = k == 0 || k + 1 == bins.size() ? 1.0 : 2.0;
    magnitude[k] = windowSum > 0 ? std::abs(bins[k]) * sides / windowSum : 0.0;
  }
  return magnitude;
}

double binFrequency(size_t bin, size_t spectrumSize, double sampleRate) {
  return spectrumSize < 2 ? 0.0 : double(bin) * sampleRate / double(2 * (spectrumSize - 1));
}

double bandEnergy(const std::vector<float>& x, double sampleRate, double lo, double hi) {
  const size_t n = x.size();
  if (n == 0) return 0.0;
  const size_t fftSize = nextPowerOfTwo(n);
  const auto power = oneSidedPower(realFft(windowed(x, 0, n, hann(n)), fftSize));
  double total = 0, inBand = 0;
  for (size_t k = 0; k < power.size(); ++k) {
    total += power[k];
    const double f = binFrequency(k, power.size(), sampleRate);
    if (f >= lo && f <= hi) inBand += power[k];
  }
  return total > 0 ? inBand / total : 0.0;
}

std::vector<double> spectralNotches(const std::vector<float>& x, double sampleRate, double lo, double hi,
                                    double minDepthDb, double smoothingHz) {
  const size_t n = x.size();
  if (n < 8) return {};
  // Welch: averaging the periodograms of half-overlapping segments tames the variance of a noise spectrum.
  size_t segment = 4096;
  while (segment > n) segment /= 2;
  const std::vector<double> w = hann(segment);
  std::vector<double> power(segment / 2 + 1, 0.0);
  size_t segments = 0;
  for (size_t begin = 0; begin + segment <= n; begin += segment / 2, ++segments) {
    const auto p = oneSidedPower(realFft(windowed(x, begin, segment, w), segment));
    for (size_t k = 0; k < power.size(); ++k) power[k] += p[k];
  }
  const double binHz = sampleRate / double(segment);
  const long half = std::max(0L, std::lround(0.5 * smoothingHz / binHz));
  const long bins = long(power.size());
  std::vector<double> level(power.size());
  for (long k = 0; k < bins; ++k) {
    double sum = 0;
    long count = 0;
    for (long j = std::max(0L, k - half); j <= std::min(bins - 1, k + half); ++j, ++count) sum += power[size_t(j)];
    level[size_t(k)] = 10.0 * std::log10(sum / double(count * long(segments)) + 1e-30);
  }

  std::vector<double> notches;
  for (long k = 1; k + 1 < bins; ++k) {
    const double f = double(k) * binHz;
    if (f < lo || f > hi) continue;
    const double here = level[size_t(k)];
    if (!(here < level[size_t(k - 1)] && here <= level[size_t(k + 1)])) continue;
    // The highest point on each side before the spectrum drops below this minimum again (or ends).
    double leftMax = here, rightMax = here;
    for (long j = k - 1; j >= 0 && level[size_t(j)] >= here; --j) leftMax = std::max(leftMax, level[size_t(j)]);
    for (long j = k + 1; j < bins && level[size_t(j)] >= here; ++j) rightMax = std::max(rightMax, level[size_t(j)]);
    if (std::min(leftMax, rightMax) - here >= minDepthDb) notches.push_back(f);
  }
  return notches;
}

}  // namespace patchc::test
