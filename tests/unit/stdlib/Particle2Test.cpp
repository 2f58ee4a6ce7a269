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

// A grain's gains on each output, pyo 1.0.4 measured as above: the table and env DataTables of 8192 and 512 ones,
// dens=10, dur=0.1, dev=0 (one grain at a time), Particle2 with filterfreq=18000, filterq=0.7, type 0 (its DC
// gain is 1), chnls=N on an offline server of N channels; sample 3000 of each channel (past pyo's fade-in):
//   N=2: pan 0 → 1 0; 0.1 → 0.94868 0.31623; 0.3 → 0.83666 0.54772; 0.5 → 0.70711 0.70711;
//        0.75 → 0.50000 0.86602; 1 → 0 1
//   N=4: pan 0 → 1 0 0 0; 0.1 → 0.94868 0.31623 0 0; 0.25 → 0.86602 0.50000 0 0; 0.3 → 0 0.83666 0.54772 0;
//        0.5 → 0 0.70711 0.70711 0; 0.6 → 0 0 0.63246 0.77460; 0.9 → 0.94868 0 0 0.31623; 1 → 1 0 0 0
//   N=3: pan 0.5 → 0 0.70711 0.70711
// Particle's the same (to 1e-6). The gains are √(1 − pan) and √pan of the whole pan, on the channel it passed
// last and the next, as pyo's C computes them. Streams: len(Particle2(..., pan=[0, 1], chnls=2)) is 4, in the
// order table 0's two, then table 1's (a 4-channel render: 1 0 0 1).
std::vector<std::vector<float>> placedGrain(const char* object, float pan, float chnls) {
  std::vector<Input> inputs = {Input::array(std::vector<float>(8193, 1.0f)),
                               Input::array(std::vector<float>(513, 1.0f)),
                               Input::value(10.0f),
                               Input::value(1.0f),
                               Input::value(0.0f),
                               Input::value(0.1f),
                               Input::value(0.0f),
                               Input::value(pan)};
  if (std::string(object) == "Particle2") {
    inputs.push_back(Input::value(18000.0f));
    inputs.push_back(Input::value(0.7f));
    inputs.push_back(Input::value(0.0f));
  }
  inputs.push_back(Input::value(chnls));
  inputs.push_back(Input::value(0.0f));  // tableSampleRate
  return renderOutputs(object, inputs, 3001);
}

TEST(Particle2, GrainsArePannedAsPyos) {
  struct Case {
    int chnls;
    float pan;
    std::vector<double> gains;
  };
  const Case kPyo[] = {
      {2, 0.0f, {1, 0}},
      {2, 0.1f, {0.94868, 0.31623}},
      {2, 0.3f, {0.83666, 0.54772}},
      {2, 0.5f, {0.70711, 0.70711}},
      {2, 0.75f, {0.50000, 0.86602}},
      {2, 1.0f, {0, 1}},
      {3, 0.5f, {0, 0.70711, 0.70711}},
      {4, 0.0f, {1, 0, 0, 0}},
      {4, 0.1f, {0.94868, 0.31623, 0, 0}},
      {4, 0.25f, {0.86602, 0.50000, 0, 0}},
      {4, 0.3f, {0, 0.83666, 0.54772, 0}},
      {4, 0.5f, {0, 0.70711, 0.70711, 0}},
      {4, 0.6f, {0, 0, 0.63246, 0.77460}},
      {4, 0.9f, {0.94868, 0, 0, 0.31623}},
      {4, 1.0f, {1, 0, 0, 0}},
  };
  for (const char* object : {"Particle", "Particle2"})
    for (const Case& c : kPyo) {
      auto outputs = placedGrain(object, c.pan, static_cast<float>(c.chnls));
      ASSERT_EQ(outputs.size(), c.gains.size()) << object << " chnls " << c.chnls;
      for (size_t k = 0; k < c.gains.size(); ++k) {
        // Level within 1 %; a silent output silent.
        const double got = outputs[k][3000];
        if (c.gains[k] == 0.0) EXPECT_EQ(got, 0.0) << object << " chnls " << c.chnls << " pan " << c.pan << " out " << k;
        else EXPECT_NEAR(got / c.gains[k], 1.0, 0.01) << object << " chnls " << c.chnls << " pan " << c.pan << " out " << k;
      }
    }
}

TEST(Particle2, OneOutputIgnoresThePan) {
  for (const char* object : {"Particle", "Particle2"})
    for (float pan : {0.0f, 0.3f, 1.0f}) {
      auto outputs = placedGrain(object, pan, 1.0f);
      ASSERT_EQ(outputs.size(), 1u);
      EXPECT_NEAR(outputs[0][3000], 1.0, 0.01) << object << " pan " << pan;
    }
}

// A pan signal is taken when each grain starts: the first grain (sample 0) at pan 0 stays on output 0 while the
// pan moves to 1; the second, started at sample 4410 with pan 1, goes to output 1.
TEST(Particle2, APannedGrainKeepsItsPlace) {
  std::vector<float> pan(6000, 0.0f);
  for (int i = 100; i < 6000; ++i) pan[i] = 1.0f;
  std::vector<Input> inputs = {Input::array(std::vector<float>(8193, 1.0f)), Input::array(std::vector<float>(513, 1.0f)),
                               Input::value(10.0f), Input::value(1.0f), Input::value(0.0f), Input::value(0.05f),
                               Input::value(0.0f), Input::signal(pan), Input::value(2.0f), Input::value(0.0f)};
  auto outputs = renderOutputs("Particle", inputs, 6000);
  ASSERT_EQ(outputs.size(), 2u);
  EXPECT_NEAR(outputs[0][1000], 1.0, 0.01);
  EXPECT_EQ(outputs[1][1000], 0.0f);
  EXPECT_EQ(outputs[0][5000], 0.0f);
  EXPECT_NEAR(outputs[1][5000], 1.0, 0.01);
}

}  // namespace
}  // namespace patchc::stdlibtest
