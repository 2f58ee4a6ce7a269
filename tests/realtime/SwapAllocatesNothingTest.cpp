// The REPL's hot swap in the audio thread (runtime/LivePatch.h): taking the next patch, copying the carried
// state, crossfading and retiring the old one allocate nothing, free nothing and lock nothing.
#include "codegen/StateMap.h"
#include "runtime/Denormals.h"
#include "runtime/LivePatch.h"
#include "runtime/MidiSource.h"
#include "tests/support/RealTimeCounter.h"
#include "tools/Pipeline.h"

#include <gtest/gtest.h>

#include <sstream>

namespace patchc::test {
namespace {

std::shared_ptr<CompiledPatch> compileText(const std::string& text) {
  std::ostringstream log;
  Diagnostics diagnostics(log);
  std::shared_ptr<CompiledPatch> patch = compilePatch(std::make_unique<SourceFile>("swap.patch", text), diagnostics, {});
  EXPECT_TRUE(patch) << log.str();
  return patch;
}

// Plays `versions` one after the other through `live` as a device would, in calls of 100 frames (not a multiple
// of the block: each swap waits for a boundary), each swap with its carried state, its whole crossfade (441
// frames) and some after it; what the audio thread's calls allocated, freed and locked. `carries`: every swap
// has state to copy.
RealTimeCounts playSwapping(runtime::LivePatch& live, const std::vector<std::shared_ptr<CompiledPatch>>& versions,
                            bool carries) {
  std::vector<std::vector<float>> buffers(2, std::vector<float>(256));
  std::vector<float*> outputs = {buffers[0].data(), buffers[1].data()};
  runtime::ScopedFlushDenormals flush;
  RealTimeCounts total;
  auto renderCounted = [&](int calls) {
    for (int i = 0; i < calls; ++i) {
      CountingScope scope;
      live.render(outputs.data(), 100);
      const RealTimeCounts counts = scope.counts();
      total.allocations += counts.allocations;
      total.frees += counts.frees;
      total.locks += counts.locks;
    }
  };
  renderCounted(10);
  for (size_t v = 1; v < versions.size(); ++v) {
    EXPECT_TRUE(live.settle());
    auto copies = codegen::carriedState(versions[v - 1]->info, versions[v]->info);
    if (carries) EXPECT_FALSE(copies.empty());
    EXPECT_EQ(live.submit({std::make_unique<runtime::PatchInstance>(versions[v]->abi()), versions[v]}, copies), "");
    renderCounted(20);
  }
  return total;
}

TEST(RealTimeSwap, SwapsAndCrossfadesAllocateAndLockNothing) {
  if (!realTimeCounterActive()) GTEST_SKIP() << "the counter is not built under AddressSanitizer";
  const std::string base = "a = Sine(440, mul=0.3).out()\nr = Freeverb(a, size=0.8).out()\n";
  std::vector<std::shared_ptr<CompiledPatch>> versions = {compileText(base), compileText(base + "b = LFO(110, type=1, mul=0.1).out()\n"),
                                                          compileText(base + "n = 1\n")};
  for (const auto& v : versions) ASSERT_TRUE(v);
  runtime::LivePatch live({std::make_unique<runtime::PatchInstance>(versions[0]->abi()), versions[0]}, 441);
  const RealTimeCounts total = playSwapping(live, versions, true);
  EXPECT_EQ(live.swapsTaken(), 2);
  EXPECT_TRUE(total.none()) << total.allocations << " allocations, " << total.frees << " frees, " << total.locks
                            << " locks";
}

// With MIDI: the session's feed reads the source and both versions of a crossfade read the feed, on the audio
// thread, without allocating or locking; a version with a Notein swapped in and out of one without.
TEST(RealTimeSwap, SwapsWithAMidiSourceAllocateAndLockNothing) {
  if (!realTimeCounterActive()) GTEST_SKIP() << "the counter is not built under AddressSanitizer";
  const std::string synth = "n = Notein(poly=4, scale=1)\na = Sine(n['pitch'], mul=n['velocity']).mix(1).out()\n";
  std::vector<std::shared_ptr<CompiledPatch>> versions = {
      compileText("a = Sine(440, mul=0.1).out()\n"), compileText(synth),
      compileText(synth + "b = Sine(110, mul=0.1).out(1)\n"), compileText(synth + "c = Midictl(1).out(1)\n")};
  for (const auto& v : versions) ASSERT_TRUE(v);
  std::vector<runtime::MidiEvent> events;
  for (int64_t frame = 0; frame < 20000; frame += 37)
    events.push_back({frame, uint8_t(frame % 2 ? 0x90 : 0xB0), 60, 100});  // notes and controllers
  runtime::MidiFileSource source(std::move(events));
  runtime::LivePatch live({std::make_unique<runtime::PatchInstance>(versions[0]->abi()), versions[0]}, 441);
  live.setMidiSource(&source);
  const RealTimeCounts total = playSwapping(live, versions, false);  // the first swap: no Notein before
  EXPECT_EQ(live.swapsTaken(), 3);
  EXPECT_GT(live.midiFeed().eventsRead(), 100u);
  live.settle();
  live.setMidiSource(nullptr);
  EXPECT_TRUE(total.none()) << total.allocations << " allocations, " << total.frees << " frees, " << total.locks
                            << " locks";
}

}  // namespace
}  // namespace patchc::test
