// Tables recomputed while the patch plays (issue 8 §2–3; pyo's 10-tables/07-moving-points.py and
// 08-table-lookup.py): `t.replace(points)` and `t.slope = x` in a callback run the table kind's refill
// (stdlib/tables/refill/) in the audio thread, on the table's buffer in the state, from the callback's frame on.
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace patchc::test {
namespace {

double worstDifference(const std::vector<float>& a, const std::vector<float>& b, size_t from, size_t to) {
  double worst = 0;
  for (size_t i = from; i < to && i < a.size() && i < b.size(); ++i)
    worst = std::max(worst, std::fabs(double(a[i]) - b[i]));
  return worst;
}

// An AtanTable read by Lookup at eight fixed indexes: after a CallAfter sets slope 0.9 at 0.1 s (frame 4410), each
// reads what a table made with slope 0.9 gives (the refill and the compile-time fill are the same code), before it
// what slope 0.5 gives.
TEST(RunTimeTable, SettingTheSlopeRecomputesTheAtanTableAtTheCallsFrame) {
  const std::string reader = R"(
look = Lookup(t, index=Sig([-0.99, -0.5, -0.1, -0.01, 0.01, 0.1, 0.5, 0.99])).out()
)";
  const std::string server = "s = Server(nchnls=8)\n";
  auto changed = renderPatch(server + R"(
t = AtanTable(slope=0.5, size=512)
def steeper():
    t.slope = 0.9
ca = CallAfter(steeper, time=0.1)
)" + reader, 0.2);
  auto gentle = renderPatch(server + "t = AtanTable(slope=0.5, size=512)\n" + reader, 0.2);
  auto steep = renderPatch(server + "t = AtanTable(slope=0.9, size=512)\n" + reader, 0.2);
  ASSERT_TRUE(changed.patch && gentle.patch && steep.patch);
  for (int c = 0; c < 8; ++c) {
    const auto& x = changed.channels[c];
    EXPECT_FLOAT_EQ(x[4409], gentle.channels[c][4409]) << "index " << c;
    EXPECT_FLOAT_EQ(x[4410], steep.channels[c][4410]) << "index " << c;
    EXPECT_FLOAT_EQ(x.back(), steep.channels[c].back()) << "index " << c;
  }
  EXPECT_GT(std::fabs(gentle.channels[2][0] - steep.channels[2][0]), 0.1);  // the slopes differ there
}

// 07-moving-points' shape: a Pattern builds a list of points from run-time numbers with append() and replaces a
// LinTable's points, one more than it was made with. Lookup at index 0 reads position 128 of 256: the value the
// latest call put there, from the call's frame on (0.5 at frame 0, then 0.75 at 4410, 1.0 at 8820).
TEST(RunTimeTable, ReplaceGivesALinTableThePointsACallbackBuilt) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
t = LinTable([(0, 0), (255, 0)], size=256)
v = 0.25
def move():
    global v
    v += 0.25
    lst = [(0, 0)]
    lst.append((128, v))
    lst.append((255, 0))
    t.replace(lst)
pat = Pattern(move, time=0.1).play()
look = Lookup(t, index=Sig(0)).out()
)", 0.25);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  const auto& x = r.channels[0];
  EXPECT_NEAR(x[0], 0.5, 1e-6);
  EXPECT_NEAR(x[4409], 0.5, 1e-6);
  EXPECT_NEAR(x[4410], 0.75, 1e-6);
  EXPECT_NEAR(x[8820], 1.0, 1e-6);
}

// The run-time table equals one made with the same points when compiling: every sample read by an Osc.
TEST(RunTimeTable, AReplacedTableHasTheSamplesOfOneMadeWithThosePoints) {
  const std::string reader = "osc = Osc(t, freq=44100.0 / 256).out()\n";  // one sample of the table per frame
  auto changed = renderPatch(R"(
s = Server(nchnls=1)
t = LinTable([(0, 0), (255, 1)], size=256)
def f():
    t.replace([(0, 0.5), (40, -1), (100, 0.25), (200, 0.75)])
ca = CallAfter(f, time=0.05)
)" + reader, 0.2);
  auto made = renderPatch(
      "s = Server(nchnls=1)\nt = LinTable([(0, 0.5), (40, -1), (100, 0.25), (200, 0.75)], size=256)\n" + reader, 0.2);
  ASSERT_TRUE(changed.patch && made.patch);
  EXPECT_LT(worstDifference(changed.channels[0], made.channels[0], 2205 + 256, 8820), 1e-6);
  EXPECT_GT(peakAbs(made.channels[0]), 0.9);
}

// -O0 and -O2 render the same (07-moving-points as pyo ships it, with get() of two LFOs).
TEST(RunTimeTable, TheOptimizerKeepsTheSoundOfARecomputedTable) {
  const std::string patch = R"(
s = Server(nchnls=2)
table = LinTable([(0, 0), (255, 0)], size=256)
lfo1 = Sine(0.1, phase=0.75, mul=0.5, add=0.5)
lfo2 = Sine(0.15, phase=0.75, mul=0.5, add=0.5)
def create_line():
    lst = [(0, 0)]
    lst.append((8, lfo1.get()))
    lst.append((128, lfo2.get()))
    lst.append((255, 0))
    table.replace(lst)
pat = Pattern(function=create_line, time=0.05).play()
amp = Osc(table, freq=4, mul=0.4)
synth = RCOsc(freq=[99.5, 100], sharp=0.3, mul=amp).out()
)";
  auto twice = renderUnoptimizedAndOptimized(patch, 1.0);
  ASSERT_TRUE(twice.compiled());
  const Rendered& a = twice.unoptimized;
  const Rendered& b = twice.optimized;
  EXPECT_GT(peakAbs(b.channels[0]), 0.01);
  for (int c = 0; c < 2; ++c) EXPECT_LT(largestDifference(a.channels[c], b.channels[c]), 1e-5);
}

}  // namespace
}  // namespace patchc::test
