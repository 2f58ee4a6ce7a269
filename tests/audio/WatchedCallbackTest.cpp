// Callbacks driven by streams (issue 8 §3): TrigFunc at each trigger, Score at each new integer, Print's reports,
// print() in a callback. The watched stream renders a block ahead; the handler runs at the event's own frame.
#include "tests/audio/CounterScript.h"
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace patchc::test {
namespace {

std::vector<std::string> lines(const Rendered& r) {
  std::vector<std::string> out;
  for (const auto& report : r.reports) out.push_back(report.line);
  return out;
}
std::vector<int64_t> frames(const Rendered& r) {
  std::vector<int64_t> out;
  for (const auto& report : r.reports) out.push_back(report.frame);
  return out;
}

// Metro(0.25) triggers at frames 0, 11026, 22051, 33076 (pyo 1.0.4's, tests/unit/stdlib/TriggerTest.cpp);
// each call adds 1 to a Sig from that very frame (pyo from its next buffer).
TEST(WatchedCallbackAudio, TrigFuncRunsAtEachTriggersFrame) {
  auto r = renderPatch(kCounterScript + R"(
met = Metro(0.25).play()
tf = TrigFunc(met, tick)
count.out()
)", 0.8);
  ASSERT_TRUE(r.patch);
  const auto& x = r.channels[0];
  EXPECT_EQ(x[0], 1.0f);
  EXPECT_EQ(changes(x), (std::vector<size_t>{11026, 22051, 33076}));
  EXPECT_EQ(x[11025], 1.0f);
  EXPECT_EQ(x[11026], 2.0f);
  EXPECT_EQ(x[33076], 4.0f);
}

// A list of arguments expands TrigFunc as pyo's lists do: each trigger calls the function once per argument.
TEST(WatchedCallbackAudio, TrigFuncWithAListOfArgumentsCallsOncePerArgument) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
total = Sig(0)
sum = 0
def add(k):
    global sum
    sum += k
    total.value = sum
met = Metro(0.1).play()
tf = TrigFunc(met, add, arg=[1, 10])
total.out()
)", 0.25);
  ASSERT_TRUE(r.patch);
  const auto& x = r.channels[0];
  // Metro(0.1): 0, 4412, 8822 (pyo's).
  EXPECT_EQ(x[0], 11.0f);
  EXPECT_EQ(x[4411], 11.0f);
  EXPECT_EQ(x[4412], 22.0f);
  EXPECT_EQ(x[8822], 33.0f);
}

// Stopped when built: never called; play() from another callback starts it.
TEST(WatchedCallbackAudio, AStoppedTrigFuncCallsNothingUntilPlayed) {
  auto r = renderPatch(kCounterScript + R"(
def start():
    tf.play()
met = Metro(0.1).play()
tf = TrigFunc(met, tick)
tf.stop()
later = CallAfter(start, time=0.15)
count.out()
)", 0.35);
  ASSERT_TRUE(r.patch);
  // Triggers at 0, 4412, 8822, 13232: only those after 0.15 s (6615) count.
  EXPECT_EQ(changes(r.channels[0]), (std::vector<size_t>{8822, 13232}));
}

// Score(Counter(Metro)): event_0, event_1, ... when the count becomes 0, 1, ...; a missing event_2 is skipped.
TEST(WatchedCallbackAudio, ScoreCallsTheFunctionOfEachNewInteger) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
v = Sig(0)
def event_0():
    v.value = 10
def event_1():
    v.value = 11
def event_3():
    v.value = 13
met = Metro(0.1).play()
count = Counter(met, min=0, max=4)
score = Score(count)
v.out()
)", 0.5);
  ASSERT_TRUE(r.patch);
  const auto& x = r.channels[0];
  EXPECT_EQ(x[0], 10.0f);
  EXPECT_EQ(x[4412], 11.0f);
  EXPECT_EQ(x[8822], 11.0f);   // 2: no event_2
  EXPECT_EQ(x[13232], 13.0f);
  EXPECT_EQ(x[17642], 10.0f);  // back to 0
  EXPECT_EQ(changes(x), (std::vector<size_t>{4412, 13232, 17642}));
}

// pyo 1.0.4 printed, for this script rendered offline for 1 s (44100 Hz):
//   Step : 0.000000, Step : 1.000000, Phase : 0.200045, Step : 2.000000, Phase : 0.400091, Phase : 0.600136,
//   Step : 3.000000, Phase : 0.800181, Step : 4.000000, Phase : 0.000227, ...
// Print(method=0) counts its interval in float seconds: every 4411 frames for 0.1 s, the first after one.
TEST(WatchedCallbackAudio, PrintReportsAsPyoDoes) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
ph = Phasor(2)
pp = Print(ph, interval=0.1, message="Phase")
lin = Linseg([(0, 0), (0.5, 1), (1, 1)]).play()
p2 = Print(Round(lin*4), method=1, message="Step")
a = Sine(440, mul=0.1).out()
)", 0.45);
  ASSERT_TRUE(r.patch);
  std::vector<std::string> phase, step;
  std::vector<int64_t> phaseFrames;
  for (const auto& report : r.reports) {
    if (report.line.rfind("Phase", 0) == 0) {
      phase.push_back(report.line);
      phaseFrames.push_back(report.frame);
    } else {
      step.push_back(report.line);
    }
  }
  EXPECT_EQ(phase, (std::vector<std::string>{"Phase : 0.200045", "Phase : 0.400091", "Phase : 0.600136",
                                             "Phase : 0.800181"}));
  EXPECT_EQ(phaseFrames, (std::vector<int64_t>{4411, 8822, 13233, 17644}));
  EXPECT_EQ(step, (std::vector<std::string>{"Step : 0.000000", "Step : 1.000000", "Step : 2.000000",
                                            "Step : 3.000000", "Step : 4.000000"}));
}

// print() in a callback: Python's text of each value, run-time numbers as Python writes them.
TEST(WatchedCallbackAudio, PrintInACallbackWritesPythonsText) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
n = 0
def tick():
    global n
    n += 1
    print("call", n, "half", n / 2, [1, 2], n > 1)
pat = Pattern(tick, time=0.1).play()
Sine(mul=0).out()
)", 0.25);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(lines(r), (std::vector<std::string>{"call 1 half 0.5 [1, 2] False", "call 2 half 1.0 [1, 2] True",
                                                "call 3 half 1.5 [1, 2] True"}));
  EXPECT_EQ(frames(r), (std::vector<int64_t>{0, 4410, 8820}));
}

// The optimizer keeps the sound: TrigFunc retuning an oscillator and restarting its envelope, -O0 and -O2.
TEST(WatchedCallbackAudio, TheOptimizerKeepsTheSoundOfTriggeredCallbacks) {
  const std::string text = R"(
s = Server(nchnls=1)
env = Fader(fadein=0.001, fadeout=0.05, dur=0.1, mul=0.3)
osc = Sine(freq=440, mul=env).out()
notes = [60, 64, 67, 72]
count = 0
def tick():
    global count
    osc.freq = midiToHz(notes[count % 4])
    env.play()
    count += 1
met = Metro(0.25).play()
tf = TrigFunc(met, tick)
)";
  auto twice = renderUnoptimizedAndOptimized(text, 1.0);
  ASSERT_TRUE(twice.compiled());
  const Rendered& a = twice.unoptimized;
  const Rendered& b = twice.optimized;
  EXPECT_LT(largestDifference(a.channels[0], b.channels[0]), 1e-4);
  // The envelope starts at each trigger: silent just before 0.25 s (faded out), sounding just after.
  EXPECT_NEAR(b.channels[0][11024], 0.0f, 1e-6);
}

}  // namespace
}  // namespace patchc::test
