// Output taps: many separate `.out()` calls are summed by one loop over a table (codegen: more than
// kUnrolledTaps taps). Each test renders taps of every kind (lane-major and frame-major nodes, one lane or
// several, channels that wrap, parts of a lane-fused node) against the same sound built another way; a tap lost
// or counted twice changes a channel by a whole sine.
#include "tests/audio/PatchRender.h"

#include <fmt/format.h>

#include <cmath>

namespace patchc::test {
namespace {

// 30 sines at different frequencies and gains, each to its own channel by .out(ch), plus multi-lane taps.
std::string taps() {
  std::string text = "s = Server(nchnls=3)\n";
  for (int i = 0; i < 30; ++i)
    text += fmt::format("Sine(freq={}, mul={}).out({})\n", 100 + 37 * i, 0.01 * (1 + i % 7), i % 4);
  // Lane-major (ButLP runs lane by lane) and a two-lane tap that wraps from channel 2 to channel 0; a frame-major
  // bank (SineLoop runs its lanes as one block) whose three lanes go to channels 1, 2, 0.
  text += "src = Sine(freq=2000, mul=0.5)\nButLP(src, freq=[500, 900], mul=0.5).out(2)\n";
  text += "SineLoop(freq=[300, 310, 320], feedback=0.1, mul=0.02).out(1)\n";
  return text;
}

// The same sound with every channel's sources in one Mix per channel (a few taps: the unrolled code).
std::string mixes() {
  std::string text = "s = Server(nchnls=3)\nch = [[], [], []]\n";
  for (int i = 0; i < 30; ++i)
    text += fmt::format("ch[{}].append(Sine(freq={}, mul={}))\n", (i % 4) % 3, 100 + 37 * i, 0.01 * (1 + i % 7));
  text += "src = Sine(freq=2000, mul=0.5)\n"
          "ch[2].append(ButLP(src, freq=500, mul=0.5))\nch[0].append(ButLP(src, freq=900, mul=0.5))\n";
  text += "ch[1].append(SineLoop(freq=300, feedback=0.1, mul=0.02))\n"
          "ch[2].append(SineLoop(freq=310, feedback=0.1, mul=0.02))\n"
          "ch[0].append(SineLoop(freq=320, feedback=0.1, mul=0.02))\n";
  text += "for c in range(3):\n    Mix(ch[c], voices=1).out(c)\n";
  return text;
}

void expectSameSound(const Rendered& a, const Rendered& b) {
  ASSERT_EQ(a.channels.size(), 3u);
  ASSERT_EQ(b.channels.size(), 3u);
  for (size_t c = 0; c < 3; ++c) {
    ASSERT_EQ(a.channels[c].size(), b.channels[c].size());
    double peak = 0;
    for (size_t i = 0; i < a.channels[c].size(); ++i) {
      peak = std::max(peak, std::fabs(double(a.channels[c][i])));
      ASSERT_NEAR(a.channels[c][i], b.channels[c][i], 2e-6) << "channel " << c << " sample " << i;
    }
    EXPECT_GT(peak, 0.05) << "channel " << c;
  }
}

TEST(OutputTable, ManyTapsSumAsOneMixPerChannel) {
  CompileOptions o0;
  o0.optimizer.level = opt::Level::O0;  // the taps as written: 32 taps, 34 lanes
  auto table = renderPatch(taps(), 0.2, o0);
  auto mixed = renderPatch(mixes(), 0.2, o0);
  ASSERT_TRUE(table.patch && mixed.patch);
  EXPECT_GT(table.patch->graph->outputs().size(), 16u);
  expectSameSound(table, mixed);
}

TEST(OutputTable, LaneFusedTapsSoundAsTheTapsAsWritten) {
  // -O2 fuses the 30 Sines into one frame-major bank whose taps read parts of it.
  CompileOptions o0;
  o0.optimizer.level = opt::Level::O0;
  auto written = renderPatch(taps(), 0.2, o0);
  auto fused = renderPatch(taps(), 0.2);
  ASSERT_TRUE(written.patch && fused.patch);
  EXPECT_LT(fused.patch->graph->size(), written.patch->graph->size());
  EXPECT_GT(fused.patch->graph->outputs().size(), 16u);
  expectSameSound(written, fused);
}

}  // namespace
}  // namespace patchc::test
