// Particle2(table, env, dens, pitch, pos, dur, dev, pan, filterfreq, filterq, filtertype, chnls) against pyo
// 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4, an offline server at 44.1 kHz, 32-bit float WAV: the table a
// DataTable of 44100 samples holding 0.1·sin at 1, 2, 4, 8 and 12 kHz, env a DataTable of two 1s, dens=1,
// dur=0.9, dev=0 (one grain over the whole window); levels by a Hann-windowed DFT over samples 2000..12000
// divided by the recorder's gain (0.99999923), at 1, 2, 4, 8, 12 kHz:
//   filterfreq=4000, filterq=0.7, type 0 (low-pass):  0.09946 0.09585 0.06727 0.01726 0.00434
//                                 type 1 (high-pass): 0.00590 0.02299 0.06728 0.08263 0.06681
//                                 type 2 (band-pass): 0.03231 0.06258 0.08969 0.05035 0.02269
//                                 type 3 (band-stop): 0.09356 0.07286 0.00001 0.06537 0.06247
//                                 type 4 (all-pass):  0.09975 0.09902 0.09610 0.08476 0.06704
//   filterfreq=3000, filterq=3, type 2:               0.01928 0.05719 0.07313 0.01699 0.00692
//   Particle, the same grains unfiltered:             0.09975 0.09902 0.09610 0.08475 0.06704
// (the grain's phase steps in float, so its reads fall between samples: linear interpolation loses the highs).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

constexpr double kFreqs[] = {1000, 2000, 4000, 8000, 12000};

std::vector<float> fiveSines() {
  std::vector<float> t(44101);
  for (int i = 0; i < 44100; ++i) {
    double v = 0.0;
    for (double f : kFreqs) v += 0.1 * std::sin(2.0 * M_PI * f * i / 44100.0);
    t[i] = static_cast<float>(v);
  }
  t[44100] = t[0];
  return t;
}

std::vector<float> grain(const char* object, float freq, float q, float type) {
  std::vector<Input> inputs = {Input::array(fiveSines()), Input::array({1.0f, 1.0f, 1.0f}), Input::value(1.0f),
                               Input::value(1.0f), Input::value(0.0f), Input::value(0.9f), Input::value(0.0f),
                               Input::value(0.5f)};
  if (std::string(object) == "Particle2") {
    inputs.push_back(Input::value(freq));
    inputs.push_back(Input::value(q));
    inputs.push_back(Input::value(type));
  }
  inputs.push_back(Input::value(1.0f));  // chnls
  inputs.push_back(Input::value(0.0f));  // tableSampleRate
  return render(object, inputs, 12000);
}

TEST(Particle2, FilterGainsAsPyos) {
  struct Case {
    const char* object;
    float freq, q, type;
    double levels[5];
  };
  const Case kPyo[] = {
      {"Particle2", 4000, 0.7f, 0, {0.09946, 0.09585, 0.06727, 0.01726, 0.00434}},
      {"Particle2", 4000, 0.7f, 1, {0.00590, 0.02299, 0.06728, 0.08263, 0.06681}},
      {"Particle2", 4000, 0.7f, 2, {0.03231, 0.06258, 0.08969, 0.05035, 0.02269}},
      {"Particle2", 4000, 0.7f, 4, {0.09975, 0.09902, 0.09610, 0.08476, 0.06704}},
      {"Particle2", 3000, 3.0f, 2, {0.01928, 0.05719, 0.07313, 0.01699, 0.00692}},
      {"Particle", 0, 0, 0, {0.09975, 0.09902, 0.09610, 0.08475, 0.06704}},
  };
  for (const Case& c : kPyo) {
    std::vector<float> y = grain(c.object, c.freq, c.q, c.type);
    for (int k = 0; k < 5; ++k)
      EXPECT_NEAR(decibels(std::abs(toneAt(y, kFreqs[k], 2000, 12000)) / c.levels[k]), 0.0, 0.5)
          << c.object << " type " << c.type << " q " << c.q << " at " << kFreqs[k] << " Hz";
  }
  // The band-stop's notch: pyo's 1e-5 at 4 kHz, the others as measured.
  std::vector<float> notch = grain("Particle2", 4000, 0.7f, 3);
  EXPECT_LT(std::abs(toneAt(notch, 4000, 2000, 12000)), 1e-3);
  const double kNotch[] = {0.09356, 0.07286, 0, 0.06537, 0.06247};
  for (int k : {0, 1, 3, 4})
    EXPECT_NEAR(decibels(std::abs(toneAt(notch, kFreqs[k], 2000, 12000)) / kNotch[k]), 0.0, 0.5) << kFreqs[k];
}

}  // namespace
}  // namespace patchc::stdlibtest
