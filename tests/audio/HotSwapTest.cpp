// The REPL's hot swap (runtime/LivePatch.h, tools/ReplSession.h): where the new patch takes over, how it fades
// in, what state it keeps, and what a session makes of the statements typed.
#include "runtime/LivePatch.h"
#include "tests/audio/LivePlay.h"
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"
#include "tools/ReplSession.h"

#include <gtest/gtest.h>

#include <cmath>

namespace patchc::test {
namespace {

std::shared_ptr<CompiledPatch> compileText(const std::string& text) {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  std::shared_ptr<CompiledPatch> patch = compilePatch(std::make_unique<SourceFile>("swap.patch", text), diagnostics, {});
  EXPECT_TRUE(patch) << messages.str();
  return patch;
}

runtime::LivePatch::Version versionOf(const std::shared_ptr<CompiledPatch>& patch) {
  return {std::make_unique<runtime::PatchInstance>(patch->abi()), patch};
}

TEST(LivePatch, TheNextPatchTakesOverAtTheNextBlockBoundary) {
  auto quarter = compileText("a = Sig(0.25).out()\n"), half = compileText("a = Sig(0.5).out()\n");
  runtime::LivePatch live(versionOf(quarter), 0);
  auto before = playLive(live, 100);  // 100 frames: the playing patch has computed up to frame 128
  ASSERT_EQ(live.submit(versionOf(half), {}), "");
  auto after = playLive(live, 100);
  EXPECT_EQ(live.swapsTaken(), 1);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(before[size_t(i)], 0.25f);
  // Frames 100..127 were computed before the swap: still the first patch; the second from frame 128 on.
  for (int i = 100; i < 200; ++i) EXPECT_EQ(after[size_t(i - 100)], i < 128 ? 0.25f : 0.5f) << i;
}

TEST(LivePatch, TheCrossfadeIsLinearOverTheFadeFrames) {
  auto quarter = compileText("a = Sig(0.25).out()\n"), half = compileText("a = Sig(0.5).out()\n");
  runtime::LivePatch live(versionOf(quarter), 100);
  playLive(live, 128, 64);
  ASSERT_EQ(live.submit(versionOf(half), {}), "");
  auto faded = playLive(live, 256, 64);
  for (int i = 0; i < 256; ++i) {
    const float expected = i < 100 ? 0.25f + 0.25f * float(i + 1) / 100.0f : 0.5f;
    EXPECT_NEAR(faded[size_t(i)], expected, 1e-6) << i;
  }
  live.collect();
}

TEST(LivePatch, AVersionNeverHeardIsReplacedWithoutAFade) {
  auto quarter = compileText("a = Sig(0.25).out()\n"), half = compileText("a = Sig(0.5).out()\n");
  runtime::LivePatch live(versionOf(quarter), 100);
  ASSERT_EQ(live.submit(versionOf(half), {}), "");
  auto heard = playLive(live, 64, 64);
  for (float x : heard) EXPECT_EQ(x, 0.5f);
}

TEST(LivePatch, ASecondSubmitWaitsForTheFirstToBeTaken) {
  auto quarter = compileText("a = Sig(0.25).out()\n"), half = compileText("a = Sig(0.5).out()\n");
  runtime::LivePatch live(versionOf(quarter), 0);
  ASSERT_EQ(live.submit(versionOf(half), {}), "");
  EXPECT_EQ(live.submit(versionOf(quarter), {}), "the previous edit is not playing yet");
  EXPECT_TRUE(live.settle());  // nobody renders: taken now
  EXPECT_EQ(live.submit(versionOf(quarter), {}), "");
}

TEST(LivePatch, OtherChannelsAreRefused) {
  auto stereo = compileText("a = Sig(0.25).out()\n"), quad = compileText("s = Server(nchnls=4)\na = Sig(0.25).out()\n");
  runtime::LivePatch live(versionOf(stereo), 0);
  EXPECT_EQ(live.submit(versionOf(quad), {}),
            "the patch now has 4 output channels; the session plays 2 (restart the REPL to change them)");
}

// A session's sound against the same statements rendered as one patch.
struct Session {
  std::ostringstream out, err;
  ReplSession session{ReplOptions{}, out, err};
  Session() { EXPECT_TRUE(session.start()); }
};

TEST(ReplSession, AnEditThatKeepsTheOscillatorIsNotHeard) {
  Session s;
  ASSERT_TRUE(s.session.execute("a = Sine(440, mul=0.5).out()"));
  auto first = playLive(s.session.live(), 1000);
  ASSERT_TRUE(s.session.execute("n = 1"));
  auto second = playLive(s.session.live(), 1000);
  first.insert(first.end(), second.begin(), second.end());
  auto reference = renderPatch("a = Sine(440, mul=0.5).out()\n", 2000.0 / 44100.0);
  ASSERT_EQ(reference.channels[0].size(), first.size());
  for (size_t i = 0; i < first.size(); ++i) ASSERT_EQ(first[i], reference.channels[0][i]) << i;
}

TEST(ReplSession, AnOscillatorFusedWithANewOneKeepsItsPhase) {
  // lane-fuse runs the two Sines as one Sine[2] after the edit: the first one's lane still carries its phase.
  Session s;
  ASSERT_TRUE(s.session.execute("a = Sine(440, mul=0.3).out()"));
  auto first = playLive(s.session.live(), 1000);
  ASSERT_TRUE(s.session.execute("b = Sine(660, mul=0.2).out()"));
  EXPECT_NE(s.session.graph(false).find("Sine[2]"), std::string::npos) << s.session.graph(false);
  auto second = playLive(s.session.live(), 1100);
  auto a = renderPatch("a = Sine(440, mul=0.3).out()\n", 2100.0 / 44100.0);
  auto b = renderPatch("b = Sine(660, mul=0.2).out()\n", 1100.0 / 44100.0);
  // The swap at frame 1024: the crossfade from a alone to a + b, a itself untouched throughout.
  for (size_t i = 0; i < second.size(); ++i) {
    const size_t frame = 1000 + i;
    const double fade =
        frame < 1024 ? 0.0 : std::min(1.0, double(frame - 1024 + 1) / double(s.session.live().fadeFrames()));
    const double expected = a.channels[0][frame] + (frame < 1024 ? 0.0 : fade * b.channels[0][frame - 1024]);
    ASSERT_NEAR(second[i], expected, 1e-5) << frame;
  }
}

TEST(ReplSession, AnErrorChangesNothing) {
  Session s;
  ASSERT_TRUE(s.session.execute("a = Sine(440, mul=0.5).out()"));
  const std::string before = s.session.script();
  EXPECT_FALSE(s.session.execute("b = Sine(freq=nowhere).out()"));
  EXPECT_EQ(s.session.script(), before);
  EXPECT_NE(s.err.str().find("<repl>:2:15: error: name 'nowhere' is not defined"), std::string::npos) << s.err.str();
  EXPECT_EQ(s.session.live().swapsTaken(), 0);
}

TEST(ReplSession, RebindingANameReplacesWhatItHeldUnlessSomethingReadsIt) {
  Session s;
  ASSERT_TRUE(s.session.execute("a = Sine(440).out()"));
  ASSERT_TRUE(s.session.execute("a = Sine(550).out()"));
  EXPECT_EQ(s.session.script(), "# replaced: a = Sine(440).out()\na = Sine(550).out()\n");
  ASSERT_TRUE(s.session.execute("b = a * 0.5"));
  ASSERT_TRUE(s.session.execute("a = Sine(660).out()"));
  // `b` still reads the 550 Hz Sine, so it lives on, as in Python.
  EXPECT_EQ(s.session.script(),
            "# replaced: a = Sine(440).out()\na = Sine(550).out()\nb = a * 0.5\na = Sine(660).out()\n");
  EXPECT_EQ(s.session.statements(), 3);
}

TEST(ReplSession, ASetUpChangedAtTheTopLevelTakesEffect) {
  Session s;
  ASSERT_TRUE(s.session.execute("a = Sine(440, mul=0.5).out()"));
  playLive(s.session.live(), 4410);
  ASSERT_TRUE(s.session.execute("a.freq = 1000"));
  auto after = playLive(s.session.live(), 8800);
  std::vector<float> tail(after.begin() + 4400, after.end());
  EXPECT_NEAR(peakFrequency(tail, 44100.0), 1000.0, 10.0);
}

TEST(ReplSession, APatternsValueSetWhilePlayingSurvivesAnEdit) {
  // The handler sets the Sig to 0.75 at its first call; the edit after it must not put back the script's 0.25.
  Session s;
  ASSERT_TRUE(s.session.execute("v = Sig(0.25).out()"));
  ASSERT_TRUE(s.session.execute("def up():\n    v.value = 0.75\n"));
  ASSERT_TRUE(s.session.execute("p = CallAfter(up, 0.001)"));
  auto first = playLive(s.session.live(), 500);
  EXPECT_EQ(first.back(), 0.75f);
  ASSERT_TRUE(s.session.execute("n = 1"));
  auto second = playLive(s.session.live(), 500);
  for (float x : second) ASSERT_EQ(x, 0.75f);
}

TEST(ReplSession, OnlyWhatTheNewStatementPrintsIsPrinted) {
  Session s;
  ASSERT_TRUE(s.session.execute("print('one')"));
  ASSERT_TRUE(s.session.execute("print('two')"));
  EXPECT_EQ(s.out.str(), "one\ntwo\n");
}

TEST(ReplSession, CompletionOffersNamesObjectsAndKeywords) {
  Session s;
  ASSERT_TRUE(s.session.execute("carrier = Sine(440)"));
  auto names = s.session.completions();
  for (const char* expected : {"carrier", "Sine", "SineLoop", "Mix", "range", "random"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  auto keywords = s.session.keywordsOf("SineLoop");
  EXPECT_EQ(keywords, (std::vector<std::string>{"freq", "feedback", "mul", "add"}));
  EXPECT_TRUE(s.session.keywordsOf("carrier").empty());
}

}  // namespace
}  // namespace patchc::test
