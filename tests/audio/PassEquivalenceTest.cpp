// Proof of each pass: the patch rendered as written (-O0's graph) and rendered with the pass give the same
// samples within 1e-4 of the peak (exact passes), and the pass did change the graph. -Ofast passes are bounded
// by their stated error instead.
#include "ir/Printer.h"
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <cmath>
#include <limits>

namespace patchc::test {
namespace {

CompileOptions asWritten() {
  CompileOptions o;
  o.optimizer.level = opt::Level::O0;
  return o;
}

CompileOptions withPasses(std::vector<std::string> passes) {
  CompileOptions o;
  o.optimizer.passes = std::move(passes);
  return o;
}

double worstDifference(const Rendered& a, const Rendered& b) {
  double worst = a.channels.size() == b.channels.size() ? 0 : std::numeric_limits<double>::infinity();
  for (size_t c = 0; c < a.channels.size() && c < b.channels.size(); ++c)
    worst = std::max(worst, largestDifference(a.channels[c], b.channels[c]));
  return worst;
}

double peak(const Rendered& r) {
  double p = 0;
  for (const auto& ch : r.channels) p = std::max(p, peakAbs(ch));
  return p;
}

struct PassCase {
  const char* pass;
  const char* patch;
};

class PassEquivalence : public ::testing::TestWithParam<PassCase> {};

TEST_P(PassEquivalence, RendersTheSameAsTheScriptAsWritten) {
  const auto& c = GetParam();
  auto before = renderPatch(c.patch, 2.0, asWritten());
  auto after = renderPatch(c.patch, 2.0, withPasses({c.pass, "dce"}));
  ASSERT_TRUE(before.patch && after.patch);
  EXPECT_NE(ir::printText(*before.patch->graph), ir::printText(*after.patch->graph)) << c.pass << " changed nothing";
  double p = peak(before);
  ASSERT_GT(p, 1e-3);
  EXPECT_LE(worstDifference(before, after), 1e-4 * p) << c.pass;
}

const char* const kChorus = "import random\n"
                            "src = SineLoop(freq=[random.uniform(190,210) for i in range(50)], feedback=0.1, mul=0.01)\n"
                            "lfo = Sine(.25).range(200, 400)\n"
                            "phs = Phaser(src, freq=lfo, q=20, feedback=0.5).out()\n";

INSTANTIATE_TEST_SUITE_P(
    Passes, PassEquivalence,
    ::testing::Values(
        PassCase{"mixdown", kChorus},
        PassCase{"mixdown", "n = Noise([.1, .2, .1, .2])\nf = ButBP(n, freq=800, q=4).mix(1).out()\n"},
        PassCase{"const-fold", "n = Noise(.2)\np = Phaser(n, freq=[100,105], spread=Sig(1.2), q=10, feedback=0.9, "
                               "num=12).out()\nm = Sine(Sig(100) * 2 + 40, mul=0).out(1)\n"},
        PassCase{"gain-fold", "n = Noise(mul=0.7)\nbp1 = ButBP(n, freq=500, q=10, mul=0.5)\n"
                              "bp2 = ButBP(n, freq=1500, q=10, mul=0.5)\nbp3 = ButBP(n, freq=2500, q=10, mul=0.5)\n"
                              "rev = Freeverb(bp1+bp2+bp3, size=0.9, bal=0.3, mul=0.7).out()\n"},
        PassCase{"cse", "a = Sine(440, mul=0.2)\nb = Sine(440, mul=0.2)\nc = ButLP(a, 1000).out()\n"
                        "d = ButLP(b, 1000).out(1)\n"},
        PassCase{"dce", "a = Sine(300).out()\nb = Sine(500)\nc = Sine(700).out(1)\nc.stop()\n"},
        PassCase{"denorm-elide", "n = Noise(1e-24)\nsrc = Sine(200, mul=0.5)\n"
                                 "d = Delay(src+n, delay=.1, feedback=0.8, mul=0.2).out()\n"},
        PassCase{"cascade-fuse", "n = Noise(.3)\nb1 = Biquad(n, freq=800, q=5, type=2)\n"
                                 "b2 = Biquad(b1, freq=800, q=5, type=2)\nb3 = Biquad(b2, freq=800, q=5, type=2)\n"
                                 "b4 = Biquad(b3, freq=800, q=5, type=2, mul=0.5).out()\n"},
        PassCase{"exact-trig", "import math\npan = Linseg([(0, 0), (1, 1), (2, 0.2)]).play()\n"
                               "left = Cos(pan * math.pi * 0.5, mul=0.5)\n"
                               "right = Sin(pan * math.pi * 0.5 + Sine(3, mul=0.2), mul=0.5)\n"
                               "a = Sine([300, 500], mul=[left, right]).out()\n"},
        PassCase{"lane-fuse", "a = Noise(.1).mix(2).out()\nlfo = Sine(.25).range(.75, 1.25)\n"
                              "fs = [Allpass2(a, freq=lfo*f, bw=f/2, mul=0.2).out(i) for i, f in "
                              "enumerate([100, 400, 1600, 6400])]\n"
                              "s = [SineLoop(freq=f, feedback=0.2, mul=0.05).out() for f in [200, 300, 450]]\n"}),
    [](const auto& info) {
      std::string name = std::string(info.param.pass) + "_" + std::to_string(info.index);
      for (auto& ch : name)
        if (ch == '-') ch = '_';
      return name;
    });

TEST(WholePipeline, O2RendersTheSameAsWrittenOnTheManualsExamples) {
  for (const char* patch : {kChorus,
                            "n = Noise(.2)\np2 = Phaser(n, freq=[100,105], spread=Sig(1.2), q=10, feedback=0.9, "
                            "num=48).out()\n"}) {
    auto before = renderPatch(patch, 2.0, asWritten());
    auto after = renderPatch(patch, 2.0);
    ASSERT_TRUE(before.patch && after.patch);
    // Two silent renders are equal too: both must sound, in every channel, for the comparison to mean anything.
    for (const auto* render : {&before, &after})
      for (size_t c = 0; c < render->channels.size(); ++c)
        EXPECT_GT(rms(render->channels[c]), 0.01) << "channel " << c << " is silent: " << patch;
    EXPECT_NE(ir::printText(*before.patch->graph), ir::printText(*after.patch->graph)) << "-O2 changed nothing";
    EXPECT_LE(worstDifference(before, after), 1e-4 * peak(before)) << patch;
  }
}

// Issue 7: gain-fold moved one source's mul into a reader that also reads other sources (a Mix summing them, a
// filter whose other lanes read them), so the gain scaled every lane.
TEST(GainFoldLanes, AReaderOfSeveralSourcesKeepsEachSourcesGain) {
  CompileOptions o1, o2;
  o1.optimizer.level = opt::Level::O1;
  for (const char* patch : {"a = Sine(100, mul=0.1)\nb = Sine(300)\nMix([a, b]).out()\n",
                            "a = Sine(100, mul=0.1)\nb = Sine(300)\nButLP([a, b]).out()\n",
                            "l = [Sine(100 + 3 * i, mul=0.5) for i in range(100)]\nMix(l, voices=2).out()\n"}) {
    auto before = renderPatch(patch, 0.5, asWritten());
    double p = peak(before);
    ASSERT_GT(p, 0.5) << patch;
    for (const auto& options : {withPasses({"gain-fold"}), o1, o2}) {
      auto after = renderPatch(patch, 0.5, options);
      EXPECT_LE(worstDifference(before, after), 1e-4 * p) << patch;
    }
  }
}

TEST(FastPasses, FastTrigStaysWithinItsStatedError) {
  const char* patch = "a = Sine(freq=[440, 1234], mul=0.5).out()\n";
  auto exact = renderPatch(patch, 1.0, asWritten());
  auto fast = renderPatch(patch, 1.0, withPasses({"fast-trig"}));
  ASSERT_EQ(fast.patch->graph->node(0).opName(), "FastSine");
  EXPECT_LE(worstDifference(exact, fast), 0.0011 * 0.5 + 1e-5);  // FastSine's bound times mul
}

TEST(FastPasses, FastTrigSinAndCosStayWithinTheirStatedError) {
  // Inputs within ±4 radians: the stated bound is 3.1e-7 + 1.8e-7·4.
  const char* patch = "x = Noise(4)\na = Sin(x).out(0)\nb = Cos(x).out(1)\n";
  auto exact = renderPatch(patch, 1.0, asWritten());
  auto fast = renderPatch(patch, 1.0, withPasses({"fast-trig"}));
  EXPECT_GT(peakAbs(exact.channels[0]), 0.9);
  EXPECT_LE(worstDifference(exact, fast), 3.1e-7 + 1.8e-7 * 4 + 1e-7);
  EXPECT_NE(ir::printText(*exact.patch->graph), ir::printText(*fast.patch->graph));
}

TEST(FastPasses, ShareNoiseKeepsEachNoisesLevel) {
  const char* patch = "a = Noise(0.3).out()\nb = Noise(0.1).out(1)\n";
  auto shared = renderPatch(patch, 1.0, withPasses({"share-noise", "dce"}));
  EXPECT_NEAR(rms(shared.channels[0]), 0.3 / std::sqrt(3.0), 0.01);
  EXPECT_NEAR(rms(shared.channels[1]), 0.1 / std::sqrt(3.0), 0.004);
  // One noise generator now: the channels are the same noise at two levels.
  for (size_t i = 0; i < 1000; ++i) EXPECT_NEAR(shared.channels[1][i] * 3.0f, shared.channels[0][i], 1e-6);
}

}  // namespace
}  // namespace patchc::test
