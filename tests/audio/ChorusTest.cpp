// The manual's Phaser chorus (examples/chorus.patch): where its energy is, how the phaser's notches move with
// the LFO, and that the manual's mixed-down version sounds the same (the Phaser is linear in its input).
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <fstream>
#include <sstream>

namespace patchc::test {
namespace {

std::string example(const std::string& name) {
  std::ifstream in(std::string(PATCHC_SOURCE_DIR) + "/examples/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class ChorusAudio : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The script as written: pyo's 50 Phasers (the optimizer's mixdown is tested against it elsewhere).
    CompileOptions asWritten;
    asWritten.optimizer.level = opt::Level::O0;
    naive_ = new Rendered(renderPatch(example("chorus.patch"), 8.0, asWritten));
  }
  static void TearDownTestSuite() { delete naive_; }
  static Rendered* naive_;
};
Rendered* ChorusAudio::naive_ = nullptr;

std::vector<float> withoutDc(std::vector<float> x) {
  // SineLoop's feedback makes a little DC, which the Phaser's feedback loop (gain 1 / (1 - 0.95) at 0 Hz)
  // amplifies, as in pyo; the tests are about the audible band.
  double mean = 0;
  for (float v : x) mean += v;
  mean /= static_cast<double>(x.size());
  for (float& v : x) v = static_cast<float>(v - mean);
  return x;
}

TEST_F(ChorusAudio, HasFiftyVoicesAndTheirEnergyIsAt190To210Hz) {
  ASSERT_TRUE(naive_->patch);
  EXPECT_EQ(naive_->patch->graph->node(0).lanes, 50);
  auto left = withoutDc(naive_->channels[0]);
  EXPECT_GT(bandEnergy(left, naive_->sampleRate, 185, 215), 0.5);
  double f = peakFrequency(left, naive_->sampleRate);
  EXPECT_GE(f, 190);
  EXPECT_LE(f, 210);
}

TEST(ChorusPhaserAudio, NotchesMoveWithTheLfoBetween200And400Hz) {
  // The chorus's Phaser on white noise, where its notches can be seen: the lowest notch follows the LFO.
  auto r = renderPatch("n = Noise(.1)\nlfo = Sine(.25).range(200, 400)\n"
                       "phs = Phaser(n, freq=lfo, q=20, feedback=0.95).out()\n", 16.0);
  const double sr = r.sampleRate;
  auto lowestNotch = [&](double phase) {
    std::vector<float> windows;  // the same LFO phase in four cycles, end to end
    for (int cycle = 0; cycle < 4; ++cycle) {
      auto w = slice(r.channels[0], sr, cycle * 4.0 + phase - 0.15, cycle * 4.0 + phase + 0.15);
      windows.insert(windows.end(), w.begin(), w.end());
    }
    auto notches = spectralNotches(windows, sr, 150, 450);
    return notches.empty() ? 0.0 : notches.front();
  };
  double atHigh = lowestNotch(1.0), atLow = lowestNotch(3.0);
  EXPECT_GE(atHigh, 340);
  EXPECT_LE(atHigh, 420);
  EXPECT_GE(atLow, 170);
  EXPECT_LE(atLow, 230);
}

TEST_F(ChorusAudio, MixingDownFirstSoundsTheSame) {
  auto mixed = renderPatch(example("chorus_mixed.patch"), 8.0);
  ASSERT_TRUE(mixed.patch);
  double peak = std::max(peakAbs(naive_->channels[0]), peakAbs(naive_->channels[1]));
  ASSERT_GT(peak, 0.01);
  // Equal up to float rounding, which the Phaser's feedback loop amplifies by up to 1 / (1 - 0.95) = 20.
  for (size_t c = 0; c < 2; ++c)
    EXPECT_LT(largestDifference(mixed.channels[c], naive_->channels[c]), 5e-4 * peak) << "channel " << c;
}

}  // namespace
}  // namespace patchc::test
