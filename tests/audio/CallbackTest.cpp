// Callbacks compiled into the patch (issue 8 §3): Pattern and CallAfter run at sample-accurate times, write
// Params that objects read from the next frame on, play()/stop() envelopes, draw CPython's random numbers.
#include "tests/audio/CounterScript.h"
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace patchc::test {
namespace {

// A Sig counts the calls of a Pattern (time 0.25 s = 11025 frames) and a CallAfter (0.1 s = 4410 frames) adds
// 100 once. pyo 1.0.4 calls the Pattern at once when played and every `time` after, the CallAfter `time` after it
// is made (measured: 1 from the first buffer, 101 from frame 4608, 102 from 11264, 103 from 22272 with 256-frame
// buffers: pyo applies a call at the next buffer's start); patchc applies each at its own frame.
TEST(CallbackAudio, PatternAndCallAfterChangeValuesAtTheirExactFrames) {
  auto r = renderPatch(kCounterScript + R"(
once = Sig(0)
def later():
    once.value = 100
pat = Pattern(tick, time=0.25).play()
ca = CallAfter(later, time=0.1)
out = (count + once).out()
)", 0.8);
  ASSERT_TRUE(r.patch);
  const auto& x = r.channels[0];
  EXPECT_EQ(x[0], 1.0f);  // the Pattern's first call comes before the first frame
  EXPECT_EQ(changes(x), (std::vector<size_t>{4410, 11025, 22050, 33075}));
  EXPECT_EQ(x[4409], 1.0f);
  EXPECT_EQ(x[4410], 101.0f);
  EXPECT_EQ(x[11025], 102.0f);
  EXPECT_EQ(x[22050], 103.0f);
  EXPECT_EQ(x[33075], 104.0f);
}

TEST(CallbackAudio, APeriodThatIsNotWholeFramesKeepsItsExactTime) {
  // 0.125 s at 44100 Hz is 5512.5 frames: calls at ceil(k · 5512.5), never drifting.
  auto r = renderPatch(kCounterScript + R"(
pat = Pattern(tick, time=0.125).play()
count.out()
)", 0.6);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(changes(r.channels[0]), (std::vector<size_t>{5513, 11025, 16538, 22050}));
}

TEST(CallbackAudio, ACallbackChangesThePatternsOwnTime) {
  // pat.time = 0.1 in the first call (a line added to tick): the next call 4410 frames later, then every 4410.
  auto r = renderPatch(kCounterScript + R"(    pat.time = 0.1
pat = Pattern(tick, time=0.5).play()
count.out()
)", 0.25);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(changes(r.channels[0]), (std::vector<size_t>{4410, 8820}));
}

TEST(CallbackAudio, PlayRestartsAFaderAndStopFadesItOut) {
  // A Fader played at 0 rises over 0.1 s; played again at 0.05 s it rises from the level it had (pyo 1.0.4,
  // measured with play() at frame 2240: 0.50771 there, the previous frame's 2239/4410, then 0.75 at 0.1 s);
  // stopped at 0.2 s it falls from 1 to 0 over fadeout (pyo: 0 from 0.1 s after the stop's frame).
  auto r = renderPatch(R"(
s = Server(nchnls=1)
f = Fader(fadein=0.1, fadeout=0.1, dur=0).play()
def again():
    f.play()
def off():
    f.stop()
a = CallAfter(again, time=0.05)
b = CallAfter(off, time=0.2)
Sig(f).out()
)", 0.4);
  ASSERT_TRUE(r.patch);
  const auto& x = r.channels[0];
  const double fadein = 4410;
  EXPECT_NEAR(x[2204], 2204 / fadein, 1e-6);
  const double from = 2204 / fadein;  // restarted at frame 2205 from the level of frame 2204
  EXPECT_NEAR(x[2205], from, 1e-6);
  EXPECT_NEAR(x[4410], from + (1 - from) * 2205 / fadein, 1e-6);
  EXPECT_NEAR(x[8820 - 1], 1.0, 1e-6);
  EXPECT_NEAR(x[8820 + 2205], 0.5, 1e-5);
  EXPECT_NEAR(x[8820 + 4410], 0.0, 1e-7);  // the float fadeout 0.1f is a hair above 0.1 s
  EXPECT_EQ(x[8820 + 4411], 0.0f);
  EXPECT_EQ(x[17000], 0.0f);
}

TEST(CallbackAudio, RunTimeRandomContinuesCPythonsGenerator) {
  // random.seed(1234), then one compile-time draw; the callback's draws continue the same sequence, so they are
  // the numbers pyo's Python would draw: random.uniform(0, 1) after one random.random() for seed 1234 is
  // 0.4407325991753527, then 0.007491470058587191 (CPython 3.11).
  auto r = renderPatch(R"(
import random
random.seed(1234)
first = random.random()
s = Server(nchnls=1)
v = Sig(0)
def draw():
    v.value = random.uniform(0, 1)
pat = Pattern(draw, time=0.01).play()
v.out()
)", 0.015);
  ASSERT_TRUE(r.patch);
  const auto& x = r.channels[0];
  EXPECT_EQ(x[0], static_cast<float>(0.4407325991753527));
  EXPECT_EQ(x[441], static_cast<float>(0.007491470058587191));
}

TEST(CallbackAudio, TheDummyTipIsAutomaticNaiveAndTunedSoundTheSame) {
  // The manual's Pattern example: `sig.freq = [freq + jit, freq - jit]` in the callback (pyo builds two new
  // objects per call) against a Sig whose value the callback sets (the tuned script). patchc builds the naive
  // form once and switches to it: both render the same samples.
  const std::string common = R"(
import random
random.seed(1234)
s = Server(nchnls=2)
env = Fader(0.005, 0.09, 0.1, mul=0.2)
jit = Sine(freq=3, mul=0.01, add=1)
)";
  auto naive = renderPatch(common + R"(
sig = Sine(freq=[100, 100], mul=env).out()
def change():
    freq = midiToHz(random.randrange(60, 72, 2))
    sig.freq = [freq + jit, freq - jit]
    env.play()
pat = Pattern(change, time=0.125).play()
)", 2.0);
  auto tuned = renderPatch(common + R"(
frq = Sig(100)
sig = Sine(freq=[frq + jit, frq - jit], mul=env).out()
def change():
    freq = midiToHz(random.randrange(60, 72, 2))
    frq.value = freq
    env.play()
pat = Pattern(change, time=0.125).play()
)", 2.0);
  ASSERT_TRUE(naive.patch && tuned.patch);
  EXPECT_GT(peakAbs(naive.channels[0]), 0.1);
  for (int c = 0; c < 2; ++c) EXPECT_EQ(naive.channels[c], tuned.channels[c]) << "channel " << c;
}

TEST(CallbackAudio, AnAttributeGivenASignalKeepsItUntilACallbackSetsANumber) {
  // 09-callbacks/03: the script sets freq to a SigTo ramp (set(..., port)), callbacks later to numbers. The
  // signal plays until the first call (it was 0: the numbers' slot replaced it from the start).
  auto r = renderPatch(R"(
s = Server(nchnls=1)
v = Sig(Sig(5))
def f():
    v.value = 7
ca = CallAfter(f, time=0.01)
v.out()
)", 0.02);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(r.channels[0][0], 5.0f);
  EXPECT_EQ(r.channels[0][440], 5.0f);
  EXPECT_EQ(r.channels[0][441], 7.0f);
}

TEST(CallbackAudio, ACallbackStartsTheCallAfterItMakesAndCallAfterTakesAnObjectsMethod) {
  // A CallAfter made in a callback is made once, when compiling, and started by the call (pyo makes a new one
  // each time); `CallAfter(env.stop, ...)` stops the envelope (09-callbacks/03-delayed-calls.py).
  auto r = renderPatch(R"(
s = Server(nchnls=2)
w = Sig(0)
env = Fader(fadein=0, fadeout=0, dur=0).play()
keep = None
def inner():
    w.value = 3
def outer():
    global keep
    keep = CallAfter(inner, time=0.01)
c = CallAfter(outer, time=0.01)
d = CallAfter(env.stop, time=0.005)
w.out()
Sig(env).out(1)
)", 0.03);
  ASSERT_TRUE(r.patch);
  EXPECT_EQ(r.channels[0][881], 0.0f);
  EXPECT_EQ(r.channels[0][882], 3.0f);
  EXPECT_EQ(r.channels[1][220], 1.0f);
  EXPECT_EQ(r.channels[1][221], 0.0f);  // fadeout 0: silent on the stop's frame (0.005 s = 220.5 → 221)
}

TEST(CallbackAudio, ASeededTutorialDrawsPyosNotesAndSoundsAsPyos) {
  // pyo's 09-callbacks/01-periodic-calls.py with random.seed(1): the callback's draws continue CPython's
  // generator, so patchc plays pyo's notes and durations. pyo 1.0.4 (offline, 3 s, RMS per 0.5 s window, both
  // channels): 0.1164, 0.1258, 0.1761 (0.1751), 0.1722; later windows depend on the echo's phase against the dry
  // note and are left out.
  auto r = renderPatch(R"(
import random
random.seed(1)
s = Server(nchnls=2)
amp = Fader(fadein=0.005, fadeout=0.05, mul=0.15)
osc = RCOsc(freq=[100, 100], mul=amp).out()
dly = Delay(osc, delay=1.0, feedback=0.5).out()
def new_event():
    dur = random.choice([0.125, 0.125, 0.125, 0.25, 0.25, 0.5, 1])
    amp.dur = dur
    pat.time = dur
    freq = random.choice(midiToHz([60, 62, 63, 65, 67, 68, 71, 72]))
    osc.freq = [freq, freq * 1.003]
    amp.play()
pat = Pattern(function=new_event, time=0.25).play()
)", 2.0);
  ASSERT_TRUE(r.patch);
  const double pyo[] = {0.1164, 0.1258, 0.1761, 0.1722};
  for (int w = 0; w < 4; ++w)
    for (int c = 0; c < 2; ++c)
      EXPECT_NEAR(rms(slice(r.channels[c], r.sampleRate, 0.5 * w, 0.5 * (w + 1))), pyo[w], 0.01 * pyo[w])
          << "window " << w << " channel " << c;
}

TEST(CallbackAudio, TheOptimizerKeepsTheSoundOfAPatchWithCallbacks) {
  // -O0 (no graph pass, no LLVM optimization) and -O2 render the same samples: the passes keep Params, the nodes
  // handlers write, and the selectors of an attribute given a signal expression.
  const std::string patch = R"(
import random
random.seed(7)
s = Server(nchnls=2)
env = Fader(0.005, 0.05, 0.1, mul=0.3)
jit = Sine(freq=2, mul=0.02, add=1)
sig = Sine(freq=[100, 100], mul=env)
lp = ButLP(sig, freq=3000).out()
def change():
    freq = midiToHz(random.choice([60, 64, 67]))
    sig.freq = [freq * jit, freq / jit]
    env.dur = random.uniform(0.05, 0.1)
    env.play()
    pat.time = random.choice([0.1, 0.15])
pat = Pattern(change, time=0.125).play()
)";
  auto twice = renderUnoptimizedAndOptimized(patch, 1.5);
  ASSERT_TRUE(twice.compiled());
  const Rendered& a = twice.unoptimized;
  const Rendered& b = twice.optimized;
  EXPECT_GT(peakAbs(b.channels[0]), 0.05);
  for (int c = 0; c < 2; ++c) EXPECT_LT(largestDifference(a.channels[c], b.channels[c]), 1e-5) << "channel " << c;
}

// `x if c else y` and `c and d` draw only on the branch Python takes: with random.seed(1) and both conditions false,
// the handler's random.random() is CPython's first draw, 0.13436424411240122 (before, both branches were computed
// and the value came two draws late; found by the differential fuzzer's callbacks).
TEST(CallbackAudio, ConditionalExpressionsDrawOnlyOnTheirBranch) {
  auto r = renderPatch(R"(
import random
random.seed(1)
s = Server(nchnls=1)
flag = Sig(0)
v = Sig(0)
def f():
    x = random.uniform(0, 1) if flag.get() > 10 else 0.5
    y = flag.get() > 10 and random.random() > 0.5
    v.value = random.random() + x * 0 + y * 0
ca = CallAfter(f, time=0.01)
v.out()
)", 0.05);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  EXPECT_EQ(r.channels[0][441], static_cast<float>(0.13436424411240122));
}

// 10-tables/05-micro-montage stops its Fader before the patch plays and plays it from a callback: the Fader was
// dropped as stopped for good (silence). Now it is stopped by its `playing` input and the callback starts it.
TEST(CallbackAudio, AnEnvelopeTheScriptStoppedCanBePlayedByACallback) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
fade = Fader(fadein=0.01, fadeout=0.01, dur=0)
sine = Sine(440, mul=fade).out()
fade.play()
fade.stop()
def go():
    fade.play()
ca = CallAfter(go, time=0.1)
)", 0.3);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  const auto& x = r.channels[0];
  EXPECT_LT(peakAbs(x, 0, 4410), 1e-6);             // stopped before it ever sounded
  EXPECT_NEAR(rms(x, 4410 + 441, 13230), std::sqrt(0.5), 0.01);  // faded in over 0.01 s from the call's frame
}

}  // namespace
}  // namespace patchc::test
