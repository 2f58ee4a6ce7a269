#pragma once
// Signal analysis for tests: measure facts about rendered audio (a frequency, a gain, a level, where the energy
// is, where the notches are) instead of comparing against golden files. All results are in double precision.

#include <cstddef>
#include <limits>
#include <vector>

namespace patchc::test {

inline constexpr size_t kToEnd = std::numeric_limits<size_t>::max();

// Frequency in Hz of the strongest sinusoid. The mean is removed first (a DC offset is not a frequency), the
// whole signal is Hann-windowed and zero-padded to a power of two >= 4x its length, and the peak bin is refined
// by a parabola through the log magnitudes of it and its neighbours. A 440 Hz sine over 1 s at 48 kHz comes
// out within 0.001 Hz. Returns 0 for a signal shorter than 4 samples or without any non-DC energy.
double peakFrequency(const std::vector<float>& x, double sampleRate);

// Amplitude (peak, not RMS) of the steady sinusoid at `freq` Hz: a least-squares fit of a*cos + b*sin + c,
// weighted by a Hann window so other components leak little. Exact for a pure sinusoid of any phase and any
// (non-integer) number of cycles. An equal-amplitude component k/duration Hz away shifts the result by about
// 2% at k = 2.5, 0.3% at k = 4.5, 0.1% at k = 6.5 and 0.02% at k = 10.5 (falling as 1/k^3).
double amplitudeAt(const std::vector<float>& x, double sampleRate, double freq);

// Root mean square and largest |sample| over [begin, end) (clamped to the signal); 0 for an empty range.
double rms(const std::vector<float>& x, size_t begin = 0, size_t end = kToEnd);
double peakAbs(const std::vector<float>& x, size_t begin = 0, size_t end = kToEnd);

// The indices where the signal's value changes (x[i] != x[i - 1]), ascending: when a stepped control moved, when
// a callback's write took effect.
std::vector<size_t> changes(const std::vector<float>& x);

// The largest |a[i] - b[i]|, to compare two renders of one sound; infinity when the lengths differ (a render
// that ends early is not the same sound).
double largestDifference(const std::vector<float>& a, const std::vector<float>& b);

// Amplitude ratio in decibels: 20 log10(ratio); -infinity for 0.
double toDb(double ratio);

// One-sided magnitude spectrum of the Hann-windowed signal, zero-padded to `fftSize` (0: the smallest power of
// two >= x.size()). Returns fftSize/2 + 1 bins; bin k is at k * sampleRate / fftSize Hz (see binFrequency). Scaled
// so a sinusoid of amplitude A that falls on a bin reads A there.
std::vector<double> magnitudeSpectrum(const std::vector<float>& x, size_t fftSize = 0);
// The frequency of bin `bin` of a spectrum from magnitudeSpectrum (whose size is fftSize/2 + 1).
double binFrequency(size_t bin, size_t spectrumSize, double sampleRate);

// Fraction (0..1) of the signal's total energy that lies in [lo, hi] Hz, from the Hann-windowed power
// spectrum (resolution about 2 * sampleRate / x.size() Hz). A fraction does not depend on level, so a test
// reads "90% of the energy is below 1 kHz". Returns 0 for a silent signal.
double bandEnergy(const std::vector<float>& x, double sampleRate, double lo, double hi);

// Frequencies in Hz of the notches in [lo, hi]: local minima of a smoothed power spectrum (Welch's average of
// Hann-windowed segments of 4096 samples, or fewer for a short signal, then a moving average over smoothingHz)
// that lie at least minDepthDb below the lower of the highest points on either side of them (the notch's
// prominence, searched over the whole spectrum so a notch near lo or hi is judged fairly). Meant for noise
// through a filter, e.g. a phaser's notches. Sorted ascending; the resolution is about smoothingHz.
std::vector<double> spectralNotches(const std::vector<float>& x, double sampleRate, double lo, double hi,
                                    double minDepthDb = 6.0, double smoothingHz = 30.0);

}  // namespace patchc::test
