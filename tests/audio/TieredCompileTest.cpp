// The REPL's tiered compile (tools/ReplSession.h, codegen/ParallelCompile.h): an edit's new units play as quick
// code first, then the session swaps in the full level's code, carrying every node's state, so the sound goes on
// as if -O2 had played all along (to rounding) and the second swap has no seam.
#include "codegen/ParallelCompile.h"
#include "tests/audio/LivePlay.h"
#include "tests/audio/PatchRender.h"
#include "tools/ReplSession.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace patchc::test {
namespace {

// A session that plays the same statements with or without the tiers: the first statements, played; an edit,
// played a little (the quick code, if tiered); then the rest after the full level's code took over.
struct Played {
  std::vector<float> left;
  std::vector<ReplSession::Upgrade> upgrades;
  int quickUnits = 0;  // the edit's units compiled at the quick tier
};

Played playSession(bool tiered) {
  std::ostringstream out, err;
  ReplOptions options;
  options.tieredCompile = tiered;
  ReplSession session(options, out, err);
  Played played;
  EXPECT_TRUE(session.start("a = SineLoop(220, feedback=0.1, mul=0.3)\nf = Biquad(a, freq=900, q=3).out()\n"))
      << err.str();
  runtime::LivePatch& live = session.live();
  live.setRenderingElsewhere(true);
  // The first version was compiled quick as well: let its upgrade be taken before the edit.
  EXPECT_TRUE(session.waitForUpgrade());
  played.left = playLive(live, 2048, 64);
  EXPECT_TRUE(session.execute("b = Phasor(330, mul=0.2)\nt = Tone(b, freq=2000).out()\n")) << err.str();
  played.quickUnits = tiered ? session.unitsCompiled() : 0;
  auto quick = playLive(live, 1024, 64);
  EXPECT_TRUE(session.waitForUpgrade());
  auto full = playLive(live, 4096, 64);
  played.left.insert(played.left.end(), quick.begin(), quick.end());
  played.left.insert(played.left.end(), full.begin(), full.end());
  played.upgrades = session.takeUpgrades();
  live.setRenderingElsewhere(false);
  return played;
}

TEST(TieredCompile, TheFullLevelTakesOverWithoutChangingTheSound) {
  Played tiered = playSession(true), exact = playSession(false);
  ASSERT_EQ(tiered.left.size(), exact.left.size());
  // Two upgrades: the first version's, and the edit's, which recompiled what the edit compiled quick.
  ASSERT_EQ(tiered.upgrades.size(), 2u);
  EXPECT_GT(tiered.quickUnits, 0);
  EXPECT_EQ(tiered.upgrades[1].units, tiered.quickUnits);
  EXPECT_TRUE(exact.upgrades.empty());
  double peak = 0, largest = 0;
  for (size_t i = 0; i < exact.left.size(); ++i) {
    peak = std::max(peak, double(std::fabs(exact.left[i])));
    largest = std::max(largest, double(std::fabs(tiered.left[i] - exact.left[i])));
  }
  ASSERT_GT(peak, 0.1);
  // Rounding only (the differential fuzzer's tolerance for a pass is 1e-5 of the peak).
  EXPECT_LE(largest, 1e-5 * peak) << "largest difference " << largest;
}

TEST(TieredCompile, UpgradingCompilesEveryQuickUnitAgain) {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  codegen::ObjectCache cache;
  cache.tiered = true;
  CompileOptions options;
  options.objectCache = &cache;
  auto quick = compilePatch(std::make_unique<SourceFile>("tiers.patch", "a = Sine(440).out()\n"), diagnostics, options);
  ASSERT_TRUE(quick) << messages.str();
  EXPECT_TRUE(quick->parts.quick);
  EXPECT_TRUE(cache.fullObjects(quick->parts).empty());  // nothing at the full level yet
  const size_t units = cache.quickUnits().size();
  EXPECT_EQ(int(units), cache.misses());
  EXPECT_EQ(codegen::upgradeQuickUnits(cache, 2), int(units));
  EXPECT_TRUE(cache.quickUnits().empty());
  EXPECT_EQ(cache.fullObjects(quick->parts).size(), quick->parts.keys.size() + 1);  // and the ABI's object
  // The same patch again finds every unit, at the full level.
  auto again = compilePatch(std::make_unique<SourceFile>("tiers.patch", "a = Sine(440).out()\n"), diagnostics, options);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->parts.quick);
  EXPECT_EQ(cache.misses(), 0);
}

}  // namespace
}  // namespace patchc::test
