// Multichannel expansion, mixing and routing, and reproducibility, measured on rendered audio.
#include "ir/Printer.h"
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <cmath>
#include <string>

namespace patchc::test {
namespace {

TEST(ExpansionAudio, ListArgumentMakesOneLanePerElementRoutedAcrossChannels) {
  // Three lanes on two channels: lane i goes to channel i % 2.
  auto r = renderPatch("s = Server(nchnls=2)\na = Sine(freq=[300, 500, 700], mul=0.2).out()\n", 1.0);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(r.patch->graph->node(0).lanes, 3);
  const double sr = r.sampleRate;
  EXPECT_NEAR(amplitudeAt(r.channels[0], sr, 300), 0.2, 0.002);
  EXPECT_NEAR(amplitudeAt(r.channels[1], sr, 500), 0.2, 0.002);
  EXPECT_NEAR(amplitudeAt(r.channels[0], sr, 700), 0.2, 0.002);
  EXPECT_LT(amplitudeAt(r.channels[1], sr, 300), 1e-3);
  EXPECT_LT(amplitudeAt(r.channels[0], sr, 500), 1e-3);
}

TEST(ExpansionAudio, OutChannelOffsetsTheRouting) {
  auto r = renderPatch("s = Server(nchnls=4)\na = Sine(freq=[300, 500], mul=0.2).out(3)\n", 1.0);
  ASSERT_EQ(r.channels.size(), 4u);
  EXPECT_NEAR(amplitudeAt(r.channels[3], r.sampleRate, 300), 0.2, 0.002);
  EXPECT_NEAR(amplitudeAt(r.channels[0], r.sampleRate, 500), 0.2, 0.002);  // (3 + 1) % 4
  EXPECT_LT(peakAbs(r.channels[1]), 1e-9);
  EXPECT_LT(peakAbs(r.channels[2]), 1e-9);
}

TEST(ExpansionAudio, WidestArgumentSetsTheLaneCountAndNarrowOnesWrap) {
  // freq has 4 lanes, mul 2: lane i reads mul lane i % 2.
  auto r = renderPatch("a = Sine(freq=[300, 500, 700, 900], mul=[0.1, 0.3]).out()\n", 1.0);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(r.patch->graph->node(0).lanes, 4);
  EXPECT_NEAR(amplitudeAt(r.channels[0], r.sampleRate, 300), 0.1, 0.002);
  EXPECT_NEAR(amplitudeAt(r.channels[1], r.sampleRate, 500), 0.3, 0.002);
  EXPECT_NEAR(amplitudeAt(r.channels[0], r.sampleRate, 700), 0.1, 0.002);
  EXPECT_NEAR(amplitudeAt(r.channels[1], r.sampleRate, 900), 0.3, 0.002);
}

TEST(ExpansionAudio, AnObjectInputExpandsTheReader) {
  auto r = renderPatch("src = Sine(freq=[300, 500], mul=0.5)\nf = ButLP(src, freq=5000).out()\n", 1.0);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(r.patch->graph->node(1).lanes, 2);
  EXPECT_NEAR(peakFrequency(r.channels[0], r.sampleRate), 300, 0.5);
  EXPECT_NEAR(peakFrequency(r.channels[1], r.sampleRate), 500, 0.5);
}

TEST(ExpansionAudio, MixSumsLanesIntoVoices) {
  auto r = renderPatch("a = Sine(freq=[300, 500, 700], mul=0.2)\nm = a.mix(1).out()\n", 1.0);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(r.patch->graph->node(1).lanes, 1);
  for (double f : {300.0, 500.0, 700.0}) EXPECT_NEAR(amplitudeAt(r.channels[0], r.sampleRate, f), 0.2, 0.002);
  EXPECT_LT(peakAbs(r.channels[1]), 1e-9);
}

TEST(ExpansionAudio, ArithmeticOnSignalsExpandsToo) {
  auto r = renderPatch("a = Sine(freq=[300, 500], mul=0.2)\nb = (a * 2 + 0.1).out()\n", 1.0);
  EXPECT_NEAR(amplitudeAt(r.channels[0], r.sampleRate, 300), 0.4, 0.004);
  EXPECT_NEAR(amplitudeAt(r.channels[1], r.sampleRate, 500), 0.4, 0.004);
  double mean = 0;
  for (float v : r.channels[0]) mean += v;
  EXPECT_NEAR(mean / r.channels[0].size(), 0.1, 0.002);
}

TEST(ExpansionAudio, StoppedObjectsAreSilentAndPlayDoesNotOutput) {
  auto r = renderPatch("a = Sine(300).out()\na.stop()\nb = Sine(500).out(1)\nb.play()\n", 0.5);
  EXPECT_LT(peakAbs(r.channels[0]), 1e-9);
  EXPECT_LT(peakAbs(r.channels[1]), 1e-9);
}

TEST(LaneBlocks, ABankComputedAcrossLanesEqualsItsVoicesOneByOne) {
  // 37 lanes in one node take the lane-block kernel (a partial block of 64); 37 one-lane objects take the per-lane
  // kernel. Each voice computes the same samples; out() then sums the bank's lanes as a vectorized reduction,
  // in another order than lane after lane, so the channels agree to float rounding of the sum.
  std::string bank = "import random\nrandom.seed(7)\nfreqs = [random.uniform(100, 900) for i in range(37)]\n";
  auto together = renderPatch(bank + "a = SineLoop(freq=freqs, feedback=0.3, mul=0.02).out()\n"
                                     "b = Sine(freq=freqs, mul=0.02).out()\n"
                                     "c = FastSine(freq=freqs, mul=0.02).out()\n", 0.5);
  auto apart = renderPatch(bank + "a = [SineLoop(freq=f, feedback=0.3, mul=0.02).out(i % 2) for i, f in enumerate(freqs)]\n"
                                  "b = [Sine(freq=f, mul=0.02).out(i % 2) for i, f in enumerate(freqs)]\n"
                                  "c = [FastSine(freq=f, mul=0.02).out(i % 2) for i, f in enumerate(freqs)]\n", 0.5);
  ASSERT_TRUE(together.patch && apart.patch);
  ASSERT_GT(peakAbs(together.channels[0]), 0.05);
  for (size_t c = 0; c < 2; ++c) {
    const double worst = largestDifference(together.channels[c], apart.channels[c]);
    EXPECT_LT(worst, 1e-6) << "channel " << c;  // 37 voices at 0.02 summed: rounding is ~1e-8
  }
}

TEST(LaneBlocks, PhasersWithTheirOwnParametersEqualTheirVoicesOneByOne) {
  // Three lanes of different frequencies: a pair interleaved stage by stage (Phaser.cpp runPair) and an odd lane,
  // each with coefficients of its own computed once per block; against three one-lane Phasers (--passes=dce
  // keeps lane-fuse from joining them). Every voice runs the same arithmetic, so the sum differs by rounding.
  CompileOptions apartOptions;
  apartOptions.optimizer.passes = {"dce"};
  const std::string source = "n = Noise(.3)\n";
  auto together = renderPatch(source + "p = Phaser(n, freq=[100, 150, 220], spread=1.3, q=4, feedback=0.7, num=24, "
                                       "mul=0.3).out()\n", 0.5);
  auto apart = renderPatch(source + "p = [Phaser(n, freq=f, spread=1.3, q=4, feedback=0.7, num=24, mul=0.3).out(i) "
                                    "for i, f in enumerate([100, 150, 220])]\n", 0.5, apartOptions);
  ASSERT_TRUE(together.patch && apart.patch);
  ASSERT_GT(peakAbs(together.channels[0]), 0.05);
  for (size_t c = 0; c < 2; ++c) {
    const double worst = largestDifference(together.channels[c], apart.channels[c]);
    EXPECT_LT(worst, 1e-6) << "channel " << c;
  }
}

TEST(LaneBlocks, ALaneFusedAllpassBankEqualsItsFiltersOneByOne) {
  // The manual's allpass bank, smaller: lane-fuse joins ten 2-lane Allpass2s into one node of 20 lanes whose
  // input and freq lanes follow no base + lane·stride pattern (a.0, a.1, a.0, ... and m.0, m.0, m.1, ...), so
  // the code generator gathers them into scratch; 20 lanes are a whole vector block and a partial one. Against
  // the ten objects as written, each a 2-lane call (--passes=lane-fuse,dce against --passes=dce, so that no
  // other pass reorders the arithmetic).
  const std::string source = "a = Noise(.2).mix(2)\nlfo = Sine(.5).range(.75, 1.25)\n"
                             "fs = [Allpass2(a, freq=lfo*f, bw=f/2, mul=0.2).out() for f in "
                             "[100, 300, 700, 1100, 1700, 2300, 3100, 4100, 5300, 7000]]\n";
  CompileOptions togetherOptions, apartOptions;
  togetherOptions.optimizer.passes = {"lane-fuse", "dce"};
  apartOptions.optimizer.passes = {"dce"};
  auto together = renderPatch(source, 0.5, togetherOptions);
  auto apart = renderPatch(source, 0.5, apartOptions);
  ASSERT_TRUE(together.patch && apart.patch);
  EXPECT_NE(ir::printText(*together.patch->graph).find("Allpass2[20]"), std::string::npos)
      << ir::printText(*together.patch->graph);
  ASSERT_GT(peakAbs(together.channels[0]), 0.05);
  for (size_t c = 0; c < 2; ++c) {
    const double worst = largestDifference(together.channels[c], apart.channels[c]);
    EXPECT_LT(worst, 1e-6) << "channel " << c;
  }
}

// Renders `bank` (one node of many lanes: the lane-block kernel) and `voices` (one object per lane: the per-lane
// kernel), each lane on a channel of its own, and expects every channel to agree. Both with --passes=dce: it keeps
// lane-fuse from joining the voices, and gain-fold from moving Noise's mul into the bank only (a high-Q cascade
// amplifies that reordering to 2e-5). Both kernels run the same arithmetic per lane; the voices' constant freqs
// may have their sin and cos folded by LLVM where the bank's call libm, so the samples agree to float rounding.
void expectBankEqualsVoices(const std::string& source, const std::string& op, const std::string& bank,
                            const std::string& voices, int lanes) {
  CompileOptions options;
  options.optimizer.passes = {"dce"};
  const std::string server = "s = Server(nchnls=" + std::to_string(lanes) + ")\n" + source;
  auto together = renderPatch(server + bank, 0.5, options);
  auto apart = renderPatch(server + voices, 0.5, options);
  ASSERT_TRUE(together.patch && apart.patch);
  bool oneNode = false;
  for (const auto& node : together.patch->graph->nodes())
    oneNode = oneNode || (node.opName() == op && node.lanes == lanes);
  ASSERT_TRUE(oneNode) << "no " << op << " of " << lanes << " lanes";
  ASSERT_EQ(together.channels.size(), size_t(lanes));
  ASSERT_EQ(apart.channels.size(), size_t(lanes));
  for (size_t c = 0; c < size_t(lanes); ++c) {
    ASSERT_GT(peakAbs(together.channels[c]), 0.005) << "lane " << c;
    const double worst = largestDifference(together.channels[c], apart.channels[c]);
    EXPECT_LT(worst, 1e-6) << "lane " << c;
  }
}

TEST(LaneBlocks, BiquadBanksEqualTheirVoicesOneByOne) {
  // 37 lanes: a whole block of 32 (BiquadBank.h) and a partial one of 5, each lane with its own coefficients
  // computed once per block.
  const std::string source = "import random\nrandom.seed(3)\nfreqs = [random.uniform(200, 5000) for i in range(37)]\n"
                             "n = Noise(.3)\n";
  expectBankEqualsVoices(source, "Biquad", "b = Biquad(n, freq=freqs, q=5, type=2).out()\n",
                         "b = [Biquad(n, freq=f, q=5, type=2).out(i) for i, f in enumerate(freqs)]\n", 37);
  expectBankEqualsVoices(source, "Biquadx", "b = Biquadx(n, freq=freqs, q=0.9, type=0, stages=3).out()\n",
                         "b = [Biquadx(n, freq=f, q=0.9, type=0, stages=3).out(i) for i, f in enumerate(freqs)]\n",
                         37);
}

TEST(LaneBlocks, BiquadxLanesWithStageCountsOfTheirOwnEqualTheirVoices) {
  // Lanes whose stage counts differ (as lane-fuse may make of two Biquadx banks) run one lane per block.
  expectBankEqualsVoices("n = Noise(.3)\nfreqs = [300, 500, 700, 900]\nstages = [2, 3, 4, 3]\n",
                         "Biquadx", "b = Biquadx(n, freq=freqs, q=2, type=1, stages=stages).out()\n",
                         "b = [Biquadx(n, freq=freqs[i], q=2, type=1, stages=stages[i]).out(i) for i in range(4)]\n",
                         4);
}

TEST(LaneBlocks, BiquadBanksSweptAtAudioRateEqualTheirVoicesOneByOne) {
  // freq changes every sample: each lane is designed per sample, and every stage steps once per sample.
  const std::string source = "n = Noise(.3)\nlfo = Sine(2).range(500, 1500)\n";
  expectBankEqualsVoices(source, "Biquad", "b = Biquad(n, freq=lfo * [1, 1.5, 2], q=5, type=2).out()\n",
                         "b = [Biquad(n, freq=lfo * r, q=5, type=2).out(i) for i, r in enumerate([1, 1.5, 2])]\n",
                         3);
  expectBankEqualsVoices(source, "Biquadx", "b = Biquadx(n, freq=lfo * [1, 1.5, 2], q=5, type=2, stages=3).out()\n",
                         "b = [Biquadx(n, freq=lfo * r, q=5, type=2, stages=3).out(i) "
                         "for i, r in enumerate([1, 1.5, 2])]\n",
                         3);
}

TEST(LaneBlocks, ABanksGainOnlyOutReadsIsAppliedToTheChannelSums) {
  // A frame-major bank whose mul is one number and which only out() reads gets its gain on the channel sums
  // (CodeGen.cpp tapGain); a bank that another object also reads gets it on every lane. Same sound, and the
  // gain is there: two lanes of 0.25 on channel 0 peak between 0.25 and 0.5.
  CompileOptions asWritten;
  asWritten.optimizer.level = opt::Level::O0;  // keeps the unused reader below
  auto summed = renderPatch("b = Sine(freq=[440, 660, 880], mul=0.25).out()\n", 0.5, asWritten);
  auto perLane = renderPatch("b = Sine(freq=[440, 660, 880], mul=0.25).out()\nr = ButLP(b, freq=1000)\n", 0.5,
                             asWritten);
  ASSERT_TRUE(summed.patch && perLane.patch);
  const double peak = peakAbs(summed.channels[0]);
  EXPECT_GT(peak, 0.25);
  EXPECT_LE(peak, 0.5 + 1e-6);
  for (size_t c = 0; c < 2; ++c)
    for (size_t i = 0; i < summed.channels[c].size(); ++i)
      ASSERT_NEAR(summed.channels[c][i], perLane.channels[c][i], 1e-6) << "channel " << c << " sample " << i;
}

TEST(Reproducibility, TwoRendersOfOnePatchAreBitIdentical) {
  const char* patch = "import random\n"
                      "src = SineLoop(freq=[random.uniform(190, 210) for i in range(8)], feedback=0.1, mul=0.05)\n"
                      "n = Noise(0.01)\nlfo = Sine(.25).range(200, 400)\n"
                      "p = Phaser(src + n, freq=lfo, q=20, feedback=0.9).out()\n";
  auto a = renderPatch(patch, 2.0);
  auto b = renderPatch(patch, 2.0);
  ASSERT_EQ(a.channels.size(), b.channels.size());
  for (size_t c = 0; c < a.channels.size(); ++c) EXPECT_EQ(a.channels[c], b.channels[c]) << "channel " << c;
}

TEST(Reproducibility, CompilingOnSeveralThreadsChangesNoSample) {
  // codegen/ParallelCompile: the node functions shared out between 1, 2 and 5 parts (more parts than there are
  // nodes but one), each compiled on its own thread, linked by the JIT: the same machine code per node.
  const char* patch = "import random\n"
                      "src = SineLoop(freq=[random.uniform(190, 210) for i in range(8)], feedback=0.1, mul=0.05)\n"
                      "n = Noise(0.01)\nlfo = Sine(.25).range(200, 400)\n"
                      "p = Phaser(src + n, freq=lfo, q=20, feedback=0.9)\n"
                      "b = ButBP(p, freq=[300, 900], q=2).out()\nd = Delay(b, delay=0.01, feedback=0.5).out()\n";
  std::vector<Rendered> renders;
  for (unsigned threads : {1u, 2u, 5u}) {
    CompileOptions options;
    options.compileThreads = threads;
    renders.push_back(renderPatch(patch, 1.0, options));
    ASSERT_TRUE(renders.back().patch) << threads << " threads";
  }
  ASSERT_GT(peakAbs(renders[0].channels[0]), 1e-3);
  for (size_t r = 1; r < renders.size(); ++r)
    for (size_t c = 0; c < renders[0].channels.size(); ++c)
      EXPECT_EQ(renders[r].channels[c], renders[0].channels[c]) << "render " << r << ", channel " << c;
}

TEST(Reproducibility, LlvmOptimizationLevelsAgree) {
  const char* patch = "src = SineLoop(freq=[200, 301, 402], feedback=0.1, mul=0.1)\n"
                      "f = ButBP(src, freq=300, q=3)\nd = Delay(f, delay=0.01, feedback=0.5).out()\n";
  CompileOptions o0;
  o0.llvmOptLevel = 0;
  auto a = renderPatch(patch, 1.0, o0);
  auto b = renderPatch(patch, 1.0);
  double peak = std::max(peakAbs(b.channels[0]), peakAbs(b.channels[1]));
  ASSERT_GT(peak, 0.01);
  for (size_t c = 0; c < a.channels.size(); ++c)
    for (size_t i = 0; i < a.channels[c].size(); ++i)
      ASSERT_NEAR(a.channels[c][i], b.channels[c][i], 1e-4 * peak) << "channel " << c << " sample " << i;
}

}  // namespace
}  // namespace patchc::test
