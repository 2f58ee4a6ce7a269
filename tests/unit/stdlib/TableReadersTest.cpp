// The objects that read tables (Osc, TableRead, Pointer, Lookup) against pyo 1.0.4's samples. The tables are
// made by their fills (stdlib/tables/), as the elaborator makes them. pyo measured with /usr/bin/python3, an
// offline server at 44100 Hz (`s.recordOptions(dur=0.2, ..., sampletype=3)`, read back with SndTable), samples
// printed with %.7g, all past pyo's fade-in:
//   Osc(HarmTable([1, 0.5], size=512), freq=440, phase=0.25, interp=k): samples 1000..1003 and 5000
//   TableRead(LinTable([(0, 0), (8191, 1)]), freq=10, loop=0 or 1).out()
//   Pointer(LinTable([(0, 0), (8191, 1)]), index=Sine(3)); Lookup(AtanTable(0.5), index=Sine(50))
#include <gtest/gtest.h>

#include <cmath>

#include "stdlib/Registry.h"
#include "tests/unit/stdlib/KernelHarness.h"

namespace patchc::stdlibtest {
namespace {

std::vector<float> ramp() { return filledTable("LinTable", {}); }  // (0, 0) to (8191, 1)

TEST(Osc, InterpolationsAsPyo) {
  const auto harmonics = filledTable("HarmTable", {{"list", tableNumbers({1, 0.5})}, {"size", tableNumber(512)}});
  const double pyo[4][5] = {{1.081793, 1.024232, 0.9625393, 0.8976387, 1.277724},
                            {1.076241, 1.016927, 0.9534183, 0.886699, 1.277955},
                            {1.076252, 1.016231, 0.9521728, 0.8853499, 1.277757},
                            {1.076266, 1.016947, 0.953431, 0.8867053, 1.277966}};
  for (int interp = 1; interp <= 4; ++interp) {
    SCOPED_TRACE("interp " + std::to_string(interp));
    auto y = render("Osc", {Input::array(harmonics), Input::value(440), Input::value(0.25f), Input::value(interp)}, 5001);
    int k = 0;
    for (int i : {1000, 1001, 1002, 1003, 5000}) EXPECT_NEAR(y[i], pyo[interp - 1][k++], 2e-5) << "sample " << i;
  }
}

TEST(Osc, FrequencyAndLevel) {
  const auto sine = filledTable("HarmTable", {});
  auto y = render("Osc", {Input::array(sine), Input::value(440), Input::value(0), Input::value(2)}, 44100);
  const auto tone = toneAt(y, 440.0, 4410, 44100);
  EXPECT_NEAR(std::abs(tone), 1.0, 0.01);
  // No other partial: the whole signal is the 440 Hz tone.
  EXPECT_NEAR(rms(y, 4410, 44100), std::sqrt(0.5), 0.005);
}

TEST(TableRead, ReadsOnceThenSilence) {
  // freq 10: the 8192-sample ramp lasts 4410 samples, then 0 (pyo: [4409] = 0.9998946, [4410] = 0).
  auto y = render("TableRead", {Input::array(ramp()), Input::value(10), Input::value(0), Input::value(2),
                                Input::value(1)},
                  6001);
  EXPECT_NEAR(y[1000], 0.2267849, 1e-6);
  EXPECT_NEAR(y[2000], 0.4535698, 1e-6);
  EXPECT_NEAR(y[4408], 0.9996678, 1e-6);
  EXPECT_NEAR(y[4409], 0.9998946, 1e-6);
  EXPECT_EQ(y[4410], 0.0f);
  EXPECT_EQ(y[6000], 0.0f);
}

TEST(TableRead, Loops) {
  auto y = render("TableRead", {Input::array(ramp()), Input::value(10), Input::value(1), Input::value(2),
                                Input::value(1)},
                  6001);
  EXPECT_NEAR(y[4409], 0.9998946, 1e-6);
  EXPECT_NEAR(y[4410], 1.373867e-08, 1e-6);
  EXPECT_NEAR(y[4411], 0.0002267986, 1e-6);
  EXPECT_NEAR(y[6000], 0.360588, 1e-6);
}

TEST(TableRead, SilentUntilPlayed) {
  auto y = render("TableRead", {Input::array(ramp()), Input::value(10), Input::value(0), Input::value(2),
                                Input::value(0)},
                  1000);
  for (float x : y) ASSERT_EQ(x, 0.0f);
}

TEST(Pointer, ReadsAtAFractionOfTheTable) {
  auto index = sineWave(3, 1.0, 8001);
  auto y = render("Pointer", {Input::array(ramp()), Input::signal(index)}, 8001);
  // pyo: [1000] = 0.4145769, [2000] = 0.7545404, [5000] = 0.8439432, [8000] = 0.7256972 (a negative index wraps).
  EXPECT_NEAR(y[1000], 0.4145769, 2e-4);
  EXPECT_NEAR(y[2000], 0.7545404, 2e-4);
  EXPECT_NEAR(y[5000], 0.8439432, 2e-4);
  EXPECT_NEAR(y[8000], 0.7256972, 2e-4);
}

TEST(Lookup, TransferFunction) {
  auto index = sineWave(50, 1.0, 5001);
  auto y = render("Lookup", {Input::array(filledTable("AtanTable", {})), Input::signal(index)}, 5001);
  // pyo: [1000] = 0.9038726, [1100] = 0.9970806, [1200] = 0.914416, [5000] = -0.9563687.
  EXPECT_NEAR(y[1000], 0.9038726, 2e-4);
  EXPECT_NEAR(y[1100], 0.9970806, 2e-4);
  EXPECT_NEAR(y[1200], 0.914416, 2e-4);
  EXPECT_NEAR(y[5000], -0.9563687, 2e-4);
}

}  // namespace
}  // namespace patchc::stdlibtest

namespace patchc::stdlibtest {
namespace {

// pyo: Granulator(DataTable(44100, init=[1.0]*44100), HannTable(), pitch=1, pos=1000, dur=0.1, grains=8) over
// samples 4410..44100: mean 3.999995, min 3.964321, max 4.035673 (8 Hann envelopes evenly spread sum to 4).
// With an 80 Hz sine as the table the 8 grains (offsets 1/8 of 0.1 s apart: one period of 80 Hz) add in phase:
// pyo's RMS over the same samples 2.799997 and 2.812697 in two runs (its offsets' jitter is random), pitch 1;
// 2.800045 with pitch=2 (160 Hz out). pyo: Granulator(DataTable(44100, init=sine), HannTable(), pitch, pos=1000,
// dur=0.1, grains=8).
std::vector<Input> granulatorInputs(std::vector<float> sound, float pitch, float dur) {
  return {Input::array(std::move(sound)), Input::array(filledTable("HannTable", {})), Input::value(pitch),
          Input::value(1000), Input::value(dur), Input::value(8), Input::value(0.1f), Input::value(0)};
}

std::vector<float> tableOf(const std::vector<float>& samples) {
  std::vector<float> t = samples;
  t.push_back(0.0f);  // the guard point (DataTable's: 0)
  return t;
}

TEST(Granulator, EnvelopesSumToGrainsOverTwo) {
  auto y = render("Granulator", granulatorInputs(tableOf(std::vector<float>(44100, 1.0f)), 1, 0.1f), 44100);
  double mean = 0, low = 1e9, high = -1e9;
  for (size_t i = 4410; i < y.size(); ++i) {
    mean += y[i];
    low = std::min(low, static_cast<double>(y[i]));
    high = std::max(high, static_cast<double>(y[i]));
  }
  mean /= static_cast<double>(y.size() - 4410);
  EXPECT_NEAR(mean, 3.999995, 0.04);
  EXPECT_GT(low, 3.96 - 0.04);
  EXPECT_LT(high, 4.036 + 0.04);
}

TEST(Granulator, KeepsThePitchAndLevel) {
  std::vector<float> sine(44100);
  for (size_t i = 0; i < sine.size(); ++i) sine[i] = static_cast<float>(std::sin(2 * M_PI * 80 * i / 44100.0));
  for (float pitch : {1.0f, 2.0f}) {
    SCOPED_TRACE("pitch " + std::to_string(pitch));
    auto y = render("Granulator", granulatorInputs(tableOf(sine), pitch, 0.1f), 44100);
    EXPECT_NEAR(rms(y, 4410, 44100), 2.80, 2.80 * 0.015);
    // The tone at 80·pitch Hz, nothing at the other.
    const double at = std::abs(toneAt(y, 80.0 * pitch, 4410, 44100));
    EXPECT_GT(at, 3.5);
    EXPECT_LT(std::abs(toneAt(y, pitch == 1.0f ? 160.0 : 80.0, 4410, 44100)), at * 0.05);
  }
}

}  // namespace
}  // namespace patchc::stdlibtest

namespace patchc::stdlibtest {
namespace {

// pyo: Looper(DataTable(44100, init=[i / 44100 for i in range(44100)]), pitch, start=0.2, dur=0.3, xfade=20,
// mode, xfadeshape, startfromloop).out(), samples 1000, 3000, 10000, 13000, 14000, 20000, 25000, 30000, 40000.
TEST(Looper, ModesAsPyo) {
  std::vector<float> ramp(44101);
  for (int i = 0; i < 44100; ++i) ramp[i] = static_cast<float>(i / 44100.0);
  ramp[44100] = 0.0f;  // DataTable's guard point
  struct Case {
    float mode, shape, pitch, startFromLoop;
    double pyo[9];
  };
  const Case cases[] = {
      {1, 0, 1, 0, {0.008569811, 0.06802716, 0.2267572, 0.2947843, 0.3174601, 0.3994555, 0.3268932, 0.4391076, 0.4270065}},
      {1, 1, 1.5, 1, {0.1819149, 0.3020406, 0.3001358, 0.4021766, 0.4361902, 0.4002378, 0.3303058, 0.2603399, 0.3604759}},
      {2, 0, 1, 0, {0.3693503, 0.9319494, 0.7732193, 0.7051922, 0.6825165, 0.5464622, 0.4330836, 0.319705, 0.3329476}},
      {3, 2, 1, 1, {0.06967914, 0.268027, 0.426757, 0.4461336, 0.4225394, 0.286485, 0.2868705, 0.4002491, 0.312993}},
      {0, 0, 1, 0, {0.002571235, 0.02314111, 0.2267572, 0.2947843, 0.3174601, 0.4535144, 0.566893, 0.6802716, 0.4215796}},
  };
  const int at[] = {1000, 3000, 10000, 13000, 14000, 20000, 25000, 30000, 40000};
  for (const Case& c : cases) {
    SCOPED_TRACE("mode " + std::to_string(c.mode) + " shape " + std::to_string(c.shape));
    auto y = render("Looper", {Input::array(ramp), Input::value(c.pitch), Input::value(0.2f), Input::value(0.3f),
                               Input::value(20), Input::value(c.mode), Input::value(c.shape),
                               Input::value(c.startFromLoop), Input::value(2), Input::value(0), Input::value(0),
                               Input::value(0)},  // resets: never
                    44100);
    for (int k = 0; k < 9; ++k) EXPECT_NEAR(y[at[k]], c.pyo[k], 2e-4) << "sample " << at[k];
  }
}

}  // namespace
}  // namespace patchc::stdlibtest

namespace patchc::stdlibtest {
namespace {

// pyo: TableIndex(DataTable(4, init=[0.1, 0.2, 0.3, 0.4]), Phasor(100, mul=6, add=-1)): at indices 0.605, 1.286,
// 1.966, 2.646, 3.327, 4.007, 4.687 it output 0.1, 0.2, 0.2, 0.3, 0.4, 0.4, 0.4 (truncated, held at the end).
TEST(TableIndex, TruncatesAndHolds) {
  const std::vector<float> data{0.1f, 0.2f, 0.3f, 0.4f, 0.0f};
  const std::vector<float> index{0.605f, 1.286f, 1.966f, 2.646f, 3.327f, 4.007f, 4.687f, -0.7f, -3.0f, 1e30f};
  auto y = render("TableIndex", {Input::array(data), Input::signal(index)}, static_cast<int>(index.size()));
  const std::vector<float> pyo{0.1f, 0.2f, 0.2f, 0.3f, 0.4f, 0.4f, 0.4f, 0.1f, 0.1f, 0.4f};
  EXPECT_EQ(y, pyo);
}

}  // namespace
}  // namespace patchc::stdlibtest
