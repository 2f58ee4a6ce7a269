// The REPL's object cache (codegen/ObjectCache.h): a recompile reuses the machine code of every unit the edit
// left as it was, and what it renders is exactly what a compile from scratch renders.
#include "codegen/ObjectCache.h"
#include "tests/audio/PatchRender.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace patchc::test {
namespace {

const std::string kPatch =
    "a = Sine(440, mul=0.2)\n"
    "f = ButLP(a, freq=1200).out()\n"
    "n = Noise(mul=0.05)\n"
    "r = Freeverb(n + f, size=0.7).out()\n";

TEST(ObjectCache, AnEditRecompilesOnlyWhatItChanged) {
  codegen::ObjectCache cache;
  CompileOptions cached;
  cached.objectCache = &cache;
  auto first = renderPatch(kPatch, 0.1, cached);
  ASSERT_TRUE(first.patch);
  EXPECT_EQ(cache.hits(), 0);
  const int units = cache.misses();
  EXPECT_GE(units, 8);  // four nodes (and their inits), patch_init, patch_process

  // The same script again: nothing to compile.
  auto again = renderPatch(kPatch, 0.1, cached);
  EXPECT_EQ(cache.misses(), 0);
  EXPECT_EQ(cache.hits(), units);
  EXPECT_EQ(again.channels, first.channels);

  // Another filter frequency: the filter's function and its init, nothing else.
  std::string edited = kPatch;
  edited.replace(edited.find("1200"), 4, "2400");
  auto changed = renderPatch(edited, 0.1, cached);
  EXPECT_EQ(cache.misses(), 2);
  EXPECT_EQ(cache.hits(), units - 2);
  auto scratch = renderPatch(edited, 0.1);
  ASSERT_EQ(changed.channels.size(), scratch.channels.size());
  EXPECT_EQ(changed.channels, scratch.channels);
  EXPECT_NE(changed.channels, first.channels);
}

TEST(ObjectCache, AnObjectTypedLaterMovesNoOtherNode) {
  // A node more, placed after the others (CodeGen.h's roomToGrow): its function and init, and patch_init and
  // patch_process, which call them, compile; no other node moved, so nothing else does.
  codegen::ObjectCache cache;
  CompileOptions cached;
  cached.objectCache = &cache;
  renderPatch(kPatch, 0.05, cached);
  const int units = cache.misses();
  auto grown = renderPatch(kPatch + "b = Phasor(3, mul=0.1).out()\n", 0.2, cached);
  EXPECT_EQ(cache.misses(), 4);
  EXPECT_EQ(cache.hits(), units - 2);
  auto scratch = renderPatch(kPatch + "b = Phasor(3, mul=0.1).out()\n", 0.2);
  EXPECT_EQ(grown.channels, scratch.channels);
}

TEST(ObjectCache, ACachedCompileRendersAsAFreshOneForEveryExample) {
  for (const char* name : {"chorus.patch", "chorus_mixed.patch", "phaser_spread_sig.patch", "sines.patch"}) {
    std::ifstream in(std::string(PATCHC_SOURCE_DIR) + "/examples/" + name);
    std::stringstream text;
    text << in.rdbuf();
    codegen::ObjectCache cache;
    CompileOptions cached;
    cached.objectCache = &cache;
    renderPatch(text.str(), 0.05, cached);  // fills the cache
    auto reused = renderPatch(text.str(), 0.5, cached);
    EXPECT_EQ(cache.misses(), 0) << name;
    auto fresh = renderPatch(text.str(), 0.5);
    EXPECT_EQ(reused.channels, fresh.channels) << name;
  }
}

}  // namespace
}  // namespace patchc::test
