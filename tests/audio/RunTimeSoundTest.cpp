// SndTables a callback edits while playing (pyo's 10-tables/05-micro-montage.py): setSound/insert/append run in
// the audio thread (stdlib/tables/refill/SoundEdits.h; their samples against pyo's in SoundEditsTest), readers
// read the size the edits leave, getDur() in the callback reads it too, and Looper.reset() starts the loop again.
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

#include <cmath>
#include <string>
#include <vector>

namespace patchc::test {
namespace {

// pyo 1.0.4, the same edits on an empty SndTable() (any 44.1 kHz file of 1.2 s or more gives these sizes):
// 44100 (a second of zeros), 8820 after setSound(0.5, 0.7), 15435 after insert(pos=0.1) (pyo appends: 0.1 s is
// past (8820 − 1) / 44100 counted in whole seconds), 19845 after insert(pos=−0.1) (prepends), getDur() 0.45.
TEST(RunTimeSound, EditsLeaveTheSizesPyoGives) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
t = SndTable()
path = SNDS_PATH + '/transparent.aif'
def edit():
    print(t.getSize())
    t.setSound(path, start=0.5, stop=0.7)
    print(t.getSize())
    t.insert(path, pos=0.1, crossfade=0.05, start=1.0, stop=1.2)
    print(t.getSize())
    t.insert(path, pos=-0.1, crossfade=0.05, start=0.3, stop=0.45)
    print(t.getSize(), t.getDur())
ca = CallAfter(edit, time=0.05)
loop = Looper(t).out()
)", 0.1);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  ASSERT_EQ(r.reports.size(), 4u);
  EXPECT_EQ(r.reports[0].line, "44100");
  EXPECT_EQ(r.reports[1].line, "8820");
  EXPECT_EQ(r.reports[2].line, "15435");
  EXPECT_EQ(r.reports[3].line, "19845 0.45");
  EXPECT_EQ(r.reports[3].frame, 2205);  // 0.05 s
}

// After setSound() and reset() at 0.1 s (frame 4410), the Looper plays what one made over the same cut of the file
// plays from the start: sample for sample, from the call's frame on; before it, the table's second of silence.
TEST(RunTimeSound, ALooperResetAfterSetSoundPlaysTheNewSoundFromTheCallsFrame) {
  auto edited = renderPatch(R"(
s = Server(nchnls=1)
t = SndTable()
loop = Looper(t, dur=t.getDur(), xfade=10).out()
def fill():
    t.setSound(SNDS_PATH + '/transparent.aif', start=0.5, stop=0.7)
    loop.dur = t.getDur()
    loop.reset()
ca = CallAfter(fill, time=0.1)
)", 0.6);
  auto made = renderPatch(R"(
s = Server(nchnls=1)
t = SndTable(SNDS_PATH + '/transparent.aif', start=0.5, stop=0.7)
loop = Looper(t, dur=0.2, xfade=10).out()
)", 0.5);
  ASSERT_TRUE(edited.patch && made.patch) << edited.diagnostics << made.diagnostics;
  const auto& x = edited.channels[0];
  const auto& y = made.channels[0];
  for (size_t i = 0; i < 4410; ++i) ASSERT_EQ(x[i], 0.0f) << "frame " << i;
  double peak = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    ASSERT_EQ(x[4410 + i], y[i]) << "frame " << 4410 + i;
    peak = std::max(peak, std::fabs(double(y[i])));
  }
  EXPECT_GT(peak, 0.05);  // the cut is not silence
}

// 05-micro-montage's shape with its random chunks: the optimizer does not change the sound.
TEST(RunTimeSound, RandomChunksSoundTheSameUnoptimized) {
  auto r = renderUnoptimizedAndOptimized(R"(
import random
random.seed(3)
s = Server(nchnls=2)
path = SNDS_PATH + '/transparent.aif'
snddur = sndinfo(path)[1]
table = SndTable()
fade = Fader(fadein=0.005, fadeout=0.005, dur=0, mul=0.7)
loop = Looper(table, dur=table.getDur(), xfade=5, mul=fade)
rvrb = STRev(loop, inpos=0.50, revtime=1.5, bal=0.15).out()
def addsnd():
    start = random.uniform(0, snddur * 0.7)
    duration = random.uniform(0.1, 0.3)
    pos = random.uniform(0.05, table.getDur() - 0.5)
    cross = random.uniform(0.04, duration / 2)
    table.insert(path, pos=pos, crossfade=cross, start=start, stop=start + duration)
def delgen():
    start = random.uniform(0, snddur * 0.7)
    duration = random.uniform(0.1, 0.3)
    table.setSound(path, start=start, stop=start + duration)
    for i in range(10):
        addsnd()
    loop.dur = table.getDur()
    loop.reset()
    fade.play()
caller = CallAfter(function=delgen, time=0.005).stop()
def gen():
    fade.stop()
    caller.play()
gen()
)", 1.0);
  ASSERT_TRUE(r.compiled());
  const auto& x = r.optimized.channels[0];
  EXPECT_LT(peakAbs(x, 0, 221), 1e-9);  // silence until the CallAfter's frame (221: 0.005 s)
  EXPECT_GT(peakAbs(x, 4410), 0.01);    // then the chunks
  for (int c = 0; c < 2; ++c) EXPECT_EQ(largestDifference(r.unoptimized.channels[c], r.optimized.channels[c]), 0.0);
}

}  // namespace
}  // namespace patchc::test
