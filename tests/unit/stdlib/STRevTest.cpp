// STRev: a stereo reverb, two streams (left, right) per input stream, against pyo 1.0.4's measured impulse
// responses.
//
// Measured with pyo 1.0.4 (offline server, nchnls=2, 4 s: `STRev(Trig().play(delay=0.5), bal=1, ...).out()`; the
// response from its first non-zero sample): energy Σh² of each side; RT60 from Schroeder's backward integral
// (the −5 to −25 dB slope, × 3); the energy of the left response's spectrum (rectangular window, 65536 samples)
// per octave band, relative to the 1 kHz band. pyo's delays move at random, so its numbers vary by a few % from
// run to run.
//   default (revtime 1)   energy L 0.1668 R 0.1657   RT60 1.344 1.332   8 kHz −5.4 dB, 4 kHz −3.5, 2 kHz −1.6
//   revtime 0.5           energy L 0.1252 R 0.1246   RT60 0.737 0.731
//   revtime 2             energy L 0.2449 R 0.2430   RT60 2.632 2.603   8 kHz −8.6 dB, 4 kHz −5.8
//   inpos 0               energy L 0.2840 R 0.0686   (L/R 6.17 dB)
//   inpos 0.25            energy L 0.2078 R 0.1147   (L/R 2.58 dB)
//   bal 0                 the dry input: 0.5 on each side (inpos 0.5), no reverb
#include <gtest/gtest.h>

#include <kissfft/kiss_fftr.h>

#include <cmath>
#include <memory>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr int kLength = 4 * 44100;

struct Sides {
  std::vector<float> left, right;
};

// The impulse response: STRev's inputs in pyo's order (input, inpos, revtime, cutoff, bal, roomSize, firstRefGain).
Sides impulseResponse(float inpos, float revtime, float bal = 1.0f, float cutoff = 5000.0f, float roomSize = 1.0f) {
  auto outputs = renderOutputs("STRev", {Input::signal(impulse(kLength)), Input::value(inpos), Input::value(revtime),
                                         Input::value(cutoff), Input::value(bal), Input::value(roomSize),
                                         Input::value(-3.0f)},
                               kLength);
  if (outputs.size() != 2) return {};
  return {outputs[0], outputs[1]};
}

double energy(const std::vector<float>& h) {
  double sum = 0.0;
  for (float v : h) sum += static_cast<double>(v) * v;
  return sum;
}

// RT60 from the backward-integrated energy decay curve: the time from −5 to −25 dB, times 3.
double rt60(const std::vector<float>& h) {
  std::vector<double> decay(h.size());
  double tail = 0.0;
  for (size_t i = h.size(); i-- > 0;) {
    tail += static_cast<double>(h[i]) * h[i];
    decay[i] = tail;
  }
  size_t at5 = 0, at25 = 0;
  while (at5 < h.size() && 10 * std::log10(decay[at5] / decay[0]) > -5) ++at5;
  at25 = at5;
  while (at25 < h.size() && 10 * std::log10(decay[at25] / decay[0]) > -25) ++at25;
  return 3.0 * static_cast<double>(at25 - at5) / kSampleRate;
}

// The response's spectral energy in the octave band around `centre`, in dB relative to the 1 kHz band
// (rectangular window over the first 65536 samples, as measured on pyo's).
double octaveRelativeTo1k(const std::vector<float>& h, double centre) {
  constexpr int n = 65536;
  std::unique_ptr<std::remove_pointer_t<kiss_fftr_cfg>, decltype(&std::free)> config(
      kiss_fftr_alloc(n, 0, nullptr, nullptr), &std::free);
  std::vector<kiss_fft_scalar> x(h.begin(), h.begin() + n);
  std::vector<kiss_fft_cpx> bins(n / 2 + 1);
  kiss_fftr(config.get(), x.data(), bins.data());
  auto band = [&](double fc) {
    const int lo = static_cast<int>(fc / std::sqrt(2.0) * n / kSampleRate);
    const int hi = static_cast<int>(fc * std::sqrt(2.0) * n / kSampleRate);
    double sum = 0.0;
    for (int k = lo; k < hi; ++k) sum += static_cast<double>(bins[k].r) * bins[k].r + static_cast<double>(bins[k].i) * bins[k].i;
    return sum / (hi - lo);
  };
  return 10.0 * std::log10(band(centre) / band(1000.0));
}

double dB(double ratio) { return 10.0 * std::log10(ratio); }

TEST(STRev, DecayTimeMatchesPyosWithin10Percent) {
  struct Case {
    float revtime;
    double pyoLeft, pyoRight;
  };
  for (const Case& c : {Case{1.0f, 1.344, 1.332}, Case{0.5f, 0.737, 0.731}, Case{2.0f, 2.632, 2.603}}) {
    Sides h = impulseResponse(0.5f, c.revtime);
    ASSERT_FALSE(h.left.empty());
    EXPECT_NEAR(rt60(h.left), c.pyoLeft, 0.1 * c.pyoLeft) << "revtime " << c.revtime;
    EXPECT_NEAR(rt60(h.right), c.pyoRight, 0.1 * c.pyoRight) << "revtime " << c.revtime;
  }
}

TEST(STRev, LevelMatchesPyosWithinHalfADecibel) {
  struct Case {
    float revtime;
    double pyoLeft, pyoRight;
  };
  for (const Case& c : {Case{1.0f, 0.1668, 0.1657}, Case{0.5f, 0.1252, 0.1246}, Case{2.0f, 0.2449, 0.2430}}) {
    Sides h = impulseResponse(0.5f, c.revtime);
    EXPECT_NEAR(dB(energy(h.left) / c.pyoLeft), 0.0, 0.5) << "revtime " << c.revtime;
    EXPECT_NEAR(dB(energy(h.right) / c.pyoRight), 0.0, 0.5) << "revtime " << c.revtime;
  }
}

TEST(STRev, HighFrequenciesDecayFasterAsPyos) {
  // The lowpass in the lines tilts the spectrum down: within 1.5 dB of pyo's tilt at 2, 4 and 8 kHz.
  Sides one = impulseResponse(0.5f, 1.0f);
  EXPECT_NEAR(octaveRelativeTo1k(one.left, 2000), -1.6, 1.5);
  EXPECT_NEAR(octaveRelativeTo1k(one.left, 4000), -3.5, 1.5);
  EXPECT_NEAR(octaveRelativeTo1k(one.left, 8000), -5.4, 1.5);
  Sides two = impulseResponse(0.5f, 2.0f);
  EXPECT_NEAR(octaveRelativeTo1k(two.left, 4000), -5.8, 1.5);
  EXPECT_NEAR(octaveRelativeTo1k(two.left, 8000), -8.6, 1.5);
}

TEST(STRev, InposPlacesTheSource) {
  // Left over right energy: pyo 6.17 dB at inpos 0, 2.58 at 0.25, 0 at 0.5; mirrored towards 1.
  struct Case {
    float inpos;
    double pyo;
  };
  for (const Case& c : {Case{0.0f, 6.17}, Case{0.25f, 2.58}, Case{0.5f, 0.0}, Case{0.75f, -2.58}, Case{1.0f, -6.17}}) {
    Sides h = impulseResponse(c.inpos, 1.0f);
    EXPECT_NEAR(dB(energy(h.left) / energy(h.right)), c.pyo, 0.75) << "inpos " << c.inpos;
  }
}

TEST(STRev, BalZeroIsTheDryInputPanned) {
  // bal 0: no reverb, the input times 1 − inpos on the left and inpos on the right (pyo: 0.5, 0.5 at inpos 0.5).
  Sides h = impulseResponse(0.25f, 1.0f, 0.0f);
  EXPECT_FLOAT_EQ(h.left[0], 0.75f);
  EXPECT_FLOAT_EQ(h.right[0], 0.25f);
  EXPECT_EQ(energy(h.left), 0.75 * 0.75);
  EXPECT_EQ(energy(h.right), 0.25 * 0.25);
}

TEST(STRev, RoomSizeLengthensTheFirstEcho) {
  // The first reflection comes 293 samples after the input at roomSize 1, twice as late at 2.
  auto firstEcho = [](const std::vector<float>& h) {
    for (size_t i = 1; i < h.size(); ++i)
      if (h[i] != 0.0f) return static_cast<int>(i);
    return -1;
  };
  EXPECT_EQ(firstEcho(impulseResponse(0.5f, 1.0f, 1.0f, 5000.0f, 1.0f).left), 293);
  EXPECT_EQ(firstEcho(impulseResponse(0.5f, 1.0f, 1.0f, 5000.0f, 2.0f).left), 586);
}

TEST(STRev, IndependentOfTheBlockSize) {
  std::vector<Input> inputs = {Input::signal(uniformNoise(20000, 7)), Input::value(0.3f), Input::value(1.0f),
                               Input::value(5000.0f), Input::value(0.5f), Input::value(1.0f), Input::value(-3.0f)};
  auto whole = renderOutputs("STRev", inputs, 20000, {.blockSize = 256});
  auto small = renderOutputs("STRev", inputs, 20000, {.blockSize = 7});
  EXPECT_EQ(whole, small);
}

}  // namespace
}  // namespace patchc::stdlibtest
