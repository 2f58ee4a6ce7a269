// Lists assigned while the patch plays (issue 8 §2, "parameter slots" for Array inputs): `line.list = [...]` in a
// callback writes the numbers into the input's slot in the state, the kernel reads them from its next call. pyo's
// 10-tables/06-table-stutter.py is built on it.
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

namespace patchc::test {
namespace {

// A Pattern every 0.1 s (4410 frames) gives the Linseg a new two-point list from globals that change at each call,
// then restarts it (06-table-stutter's go()): at the call's frame the output is the new first value, half-way
// through the segment the mean, after it the last value; the list grows from 2 points to 3 on the third call.
TEST(RunTimeList, APatternGivesLinsegANewListAndRestartsIt) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
line = Linseg([(0, 0), (1, 1)])
start = 0.5
k = 0
def go():
    global start, k
    k += 1
    if k < 3:
        line.list = [(0, start), (0.05, start + 1)]
    else:
        line.list = [(0, 10), (0.02, 20), (0.04, 30)]
    start += 2
    line.play()
pat = Pattern(go, time=0.1).play()
line.out()
)", 0.35);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  const auto& x = r.channels[0];
  // First call at frame 0: 0.5 → 1.5 over 2205 frames.
  EXPECT_NEAR(x[0], 0.5, 1e-6);
  EXPECT_NEAR(x[1102], 0.5 + 1102.0 / 2205.0, 1e-5);
  EXPECT_NEAR(x[2205], 1.5, 1e-6);
  EXPECT_NEAR(x[4409], 1.5, 1e-6);
  // Second call at frame 4410: 2.5 → 3.5.
  EXPECT_NEAR(x[4410], 2.5, 1e-6);
  EXPECT_NEAR(x[4410 + 2205], 3.5, 1e-6);
  // Third: three points, 10 → 20 → 30 over 0.04 s (882 frames a segment).
  EXPECT_NEAR(x[8820], 10.0, 1e-5);
  EXPECT_NEAR(x[8820 + 882], 20.0, 1e-4);
  EXPECT_NEAR(x[8820 + 441], 15.0, 1e-4);
  EXPECT_NEAR(x[8820 + 1764], 30.0, 1e-4);
  EXPECT_NEAR(x[13229], 30.0, 1e-4);
}

// A shorter list while the envelope is past its end keeps it inside the list (the kernel's segment index is
// clamped): the output becomes the new last value, with no restart.
TEST(RunTimeList, AShorterListWhilePlayingHoldsItsLastValue) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
line = Linseg([(0, 0), (0.01, 1), (0.02, 2), (0.03, 3)]).play()
def shorten():
    line.list = [(0, 7), (0.001, 5)]
ca = CallAfter(shorten, time=0.1)
line.out()
)", 0.15);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  const auto& x = r.channels[0];
  EXPECT_NEAR(x[4409], 3.0, 1e-6);
  EXPECT_NEAR(x[4410], 5.0, 1e-6);
  EXPECT_NEAR(x.back(), 5.0, 1e-6);
}

// Choice's list set by a callback: before it, only the first list's numbers; after, only the new ones.
TEST(RunTimeList, ChoiceDrawsFromTheListACallbackGives) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
c = Choice([1, 2, 3], freq=2000)
def other():
    c.choice = [10, 20]
ca = CallAfter(other, time=0.1)
c.out()
)", 0.2);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  const auto& x = r.channels[0];
  std::set<float> before(x.begin() + 10, x.begin() + 4410), after(x.begin() + 4410 + 30, x.end());
  EXPECT_EQ(before, (std::set<float>{1, 2, 3}));
  EXPECT_EQ(after, (std::set<float>{10, 20}));
}

// At compile time, `line.list = ...` replaces the list the object was made with (pyo's setList).
TEST(RunTimeList, SettingTheListBeforePlayingReplacesIt) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
line = Linseg([(0, 0), (1, 1)])
line.list = [(0, 4), (0.01, 8)]
line.play()
line.out()
)", 0.05);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  EXPECT_NEAR(r.channels[0][0], 4.0, 1e-6);
  EXPECT_NEAR(r.channels[0][441], 8.0, 1e-5);
}

// -O0 and -O2 render the same: cse keeps Linsegs whose lists handlers assign apart, value-range does not trust
// their first lists, the stutter (06-table-stutter's shape) included.
TEST(RunTimeList, TheOptimizerKeepsTheSoundOfRunTimeLists) {
  const std::string patch = R"(
s = Server(nchnls=1)
a = Linseg([(0, 0), (1, 1)])
b = Linseg([(0, 0), (1, 1)])
amp = Fader(0.01, 0.01, dur=0.025, mul=0.5)
osc = Sine(freq=a * 400 + 200, mul=amp)
both = (osc + Sig(b, mul=0.1)).out()
start = 0.9
dur = 0.025
def go():
    global start, dur
    a.list = [(0, start), (dur, 1)]
    amp.dur = pat.time = dur
    start -= 0.025
    dur += 0.025
    if start < 0:
        start = 0.9
        dur = 0.025
    a.play()
    amp.play()
pat = Pattern(function=go, time=0.025).play()
)";
  auto twice = renderUnoptimizedAndOptimized(patch, 1.0);
  ASSERT_TRUE(twice.compiled());
  const Rendered& r0 = twice.unoptimized;
  const Rendered& r2 = twice.optimized;
  EXPECT_GT(peakAbs(r2.channels[0]), 0.2);
  EXPECT_LT(largestDifference(r0.channels[0], r2.channels[0]), 1e-5);
}

// A list a handler fills with random draws, on a Linseg nothing reads: dce keeps it (and the statement), or every
// later draw of -O2's handlers would come one draw early (as for Params: tests/fuzz/regressions/
// dce-keeps-handler-random-draws.patch).
TEST(RunTimeList, AnUnreadListFilledWithRandomDrawsKeepsTheOtherDraws) {
  const std::string patch = R"(
import random
random.seed(3)
s = Server(nchnls=1)
unread = Linseg([(0, 0), (1, 1)])
v = Sig(0)
def f():
    unread.list = [(0, random.random()), (1, 1)]
    v.value = random.random()
pat = Pattern(f, time=0.05).play()
v.out()
)";
  auto twice = renderUnoptimizedAndOptimized(patch, 0.3);
  ASSERT_TRUE(twice.compiled());
  const Rendered& r0 = twice.unoptimized;
  const Rendered& r2 = twice.optimized;
  EXPECT_EQ(r0.channels[0], r2.channels[0]);
}

}  // namespace
}  // namespace patchc::test
