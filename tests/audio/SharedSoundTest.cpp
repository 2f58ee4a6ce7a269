// SfPlayers of one sound file share one immutable copy of its samples (ir/SampleArray.h): ten players of a
// 10-minute file held ten copies (2.1 GB) and cse compared them sample by sample (31 s).
#include "tests/audio/PatchRender.h"

#include <algorithm>
#include <cmath>

namespace patchc::test {
namespace {

std::unique_ptr<ir::Graph> elaborated(const std::string& text, Diagnostics& diagnostics) {
  SourceFile source("shared.patch", text);
  auto module = parseSource(source, diagnostics);
  if (!module) return nullptr;
  return buildGraph(*module, diagnostics, {});
}

TEST(SharedSound, PlayersOfOneFileShareItsSamples) {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  auto graph = elaborated("a = SfPlayer(SNDS_PATH + '/transparent.aif').out()\n"
                          "b = SfPlayer(SNDS_PATH + '/transparent.aif', speed=0.5).out()\n",
                          diagnostics);
  ASSERT_TRUE(graph) << messages.str();
  ASSERT_EQ(graph->size(), 2u);
  const auto& a = graph->node(0).arrays.at(0).lanes.at(0);
  const auto& b = graph->node(1).arrays.at(0).lanes.at(0);
  EXPECT_GT(a.size(), 44100u);
  EXPECT_TRUE(a.sharesStorageWith(b));
  EXPECT_EQ(a, b);
}

TEST(SharedSound, CseMergesPlayersOfOneFileAndTheSoundIsTheSame) {
  // Two identical players are one (cse); the render equals one player at twice the gain, and the -O0 render.
  const std::string text = "a = SfPlayer(SNDS_PATH + '/transparent.aif', mul=0.25).out()\n"
                           "b = SfPlayer(SNDS_PATH + '/transparent.aif', mul=0.25).out()\n";
  auto optimized = renderPatch(text, 0.5);
  CompileOptions o0;
  o0.optimizer.level = opt::Level::O0;
  auto unoptimized = renderPatch(text, 0.5, o0);
  auto single = renderPatch("a = SfPlayer(SNDS_PATH + '/transparent.aif', mul=0.5).out()\n", 0.5);
  ASSERT_TRUE(optimized.patch && unoptimized.patch && single.patch);
  EXPECT_EQ(optimized.patch->graph->size(), 1u);
  ASSERT_EQ(optimized.channels[0].size(), single.channels[0].size());
  double peak = 0;
  for (size_t i = 0; i < single.channels[0].size(); ++i) {
    peak = std::max(peak, std::fabs(double(single.channels[0][i])));
    ASSERT_NEAR(optimized.channels[0][i], single.channels[0][i], 1e-6) << "sample " << i;
    ASSERT_NEAR(unoptimized.channels[0][i], single.channels[0][i], 1e-6) << "sample " << i;
  }
  EXPECT_GT(peak, 0.05);
}

TEST(SharedSound, EqualNumbersInOtherStorageAreEqualAndHashAlike) {
  ir::SampleArray a(std::vector<float>{0.0f, 1.0f, 2.0f});
  ir::SampleArray b(std::vector<float>{-0.0f, 1.0f, 2.0f});
  ir::SampleArray c(std::vector<float>{0.0f, 1.0f, 3.0f});
  ir::SampleArray copy = a;
  EXPECT_TRUE(copy.sharesStorageWith(a));
  EXPECT_FALSE(b.sharesStorageWith(a));
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.hash(), b.hash());
  EXPECT_NE(a, c);
  EXPECT_TRUE((a < c) != (c < a));
  EXPECT_FALSE(a < b || b < a);
}

}  // namespace
}  // namespace patchc::test
