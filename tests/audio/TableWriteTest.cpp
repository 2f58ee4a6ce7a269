// Tables written while the patch plays (docs/tables.md): a TableRec records into a NewTable that lives in the
// patch's state, and Osc and TableRead read back what it recorded, sample-exact against pyo 1.0.4.
//
// Measured with pyo 1.0.4 (/usr/bin/python3, Server(audio="offline", nchnls=2, buffersize=64), 0.1 s recorded as
// 32-bit float, read back with SndTable): src = Phasor(freq=44100/65536.) (a ramp whose sample i is i/65536),
// t = NewTable(length=1000/44100.), rec = TableRec(src, t); rec.play(), then TableRead(t, freq=t.getRate()).play()
// and Osc(t, freq=t.getRate()), made after the TableRec. Sample i of the TableRead is i/65536 for i < 1000 (it reads
// what the TableRec recorded in the same block), then 0; the Osc reads one sample ahead, (i + 1) mod 1000, except
// at the last sample of each 64-sample block of the first pass (319, 383, ..., 959), where the sample it reads is
// not recorded yet (0), and at 999, where it reads the guard point the recording set to sample 0 (0). From 1000
// on it reads the whole recording: 1, 2, 3, ... With buffersize=256 the unrecorded samples are at 511 and 767:
// patchc's blocks are 64 samples. Afterwards t.getTable() holds i/65536 at i.
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

namespace patchc::test {
namespace {

constexpr const char* kRecordAndRead =
    "s = Server(nchnls=2)\n"
    "src = Phasor(freq=44100/65536.)\n"
    "t = NewTable(length=1000/44100., chnls=1)\n"
    "rec = TableRec(src, t)\n"
    "rec.play()\n"
    "rd = TableRead(t, freq=t.getRate()).play()\n"
    "rd.out(0)\n"
    "o = Osc(t, freq=t.getRate()).out(1)\n";

void expectReadBack(const Rendered& r) {
  ASSERT_EQ(r.channels.size(), 2u);
  const auto& read = r.channels[0];
  const auto& osc = r.channels[1];
  for (int i = 0; i < 1000; ++i) ASSERT_NEAR(read[i] * 65536.0, i, 1e-3) << "TableRead sample " << i;
  EXPECT_LT(peakAbs(read, 1000, 4000), 1e-9);  // one read, then 0
  for (int i = 0; i < 3000; ++i) {
    const bool unrecorded = i < 1000 && (i % 64 == 63 || i == 999);
    const double expected = unrecorded ? 0.0 : (i + 1) % 1000;
    // Osc's phase runs a hair apart from pyo's (1e-4 of a sample after 3000): 0.1/65536 at most here.
    ASSERT_NEAR(osc[i] * 65536.0, expected, 0.15) << "Osc sample " << i;
  }
}

TEST(TableWrite, TableRecThenOscAndTableReadReadWhatWasRecordedAsPyo) {
  expectReadBack(renderPatch(kRecordAndRead, 0.1));
}

TEST(TableWrite, TheSameAtO0) {
  CompileOptions options;
  options.optimizer.level = opt::Level::O0;
  options.llvmOptLevel = 0;
  expectReadBack(renderPatch(kRecordAndRead, 0.1, options));
}

TEST(TableWrite, AReaderMadeBeforeTheWriterStillReadsAfterIt) {
  // pyo would read the previous block here (it runs objects in the order they were made); patchc orders writers
  // before readers (docs/tables.md, "What differs").
  auto r = renderPatch("src = Phasor(freq=44100/65536.)\n"
                       "t = NewTable(length=1000/44100., chnls=1)\n"
                       "rd = TableRead(t, freq=t.getRate()).out()\n"
                       "rec = TableRec(src, t).play()\n",
                       0.05);
  for (int i = 0; i < 1000; ++i) ASSERT_NEAR(r.channels[0][i] * 65536.0, i, 1e-3) << i;
}

TEST(TableWrite, NotPlayedItRecordsNothing) {
  // pyo 1.0.4: TableRec does not start when made; NewTable(init=[0.25]*1000) keeps 0.25 everywhere.
  auto r = renderPatch("src = Phasor(freq=44100/65536.)\n"
                       "t = NewTable(length=1000/44100., init=[0.25]*1000)\n"
                       "rec = TableRec(src, t)\n"
                       "rd = TableRead(t, freq=t.getRate()).out()\n",
                       0.05);
  for (int i = 0; i < 1000; ++i) ASSERT_NEAR(r.channels[0][i], 0.25, 1e-7) << i;
}

TEST(TableWrite, TwoTablesWithTheSameSamplesStayApart) {
  // Two NewTables of zeros, one recorded into: their readers are not one object (cse keeps them apart).
  auto r = renderPatch("s = Server(nchnls=2)\n"
                       "src = Phasor(freq=44100/65536.)\n"
                       "a = NewTable(length=1000/44100.)\n"
                       "b = NewTable(length=1000/44100.)\n"
                       "rec = TableRec(src, a).play()\n"
                       "ra = TableRead(a, freq=a.getRate()).play().out(0)\n"
                       "rb = TableRead(b, freq=b.getRate()).play().out(1)\n",
                       0.05);
  EXPECT_NEAR(r.channels[0][500] * 65536.0, 500, 1e-3);
  EXPECT_LT(peakAbs(r.channels[1]), 1e-9);
}

TEST(TableWrite, FeedbackKeepsThatMuchOfTheOldSamples) {
  // pyo 1.0.4: NewTable(init=[1.0]*1000, feedback=0.5) recorded from the ramp holds 0.5 + i/65536 (0.500015 at
  // 1, 0.515244 at 999).
  auto r = renderPatch("src = Phasor(freq=44100/65536.)\n"
                       "t = NewTable(length=1000/44100., init=[1.0]*1000, feedback=0.5)\n"
                       "rec = TableRec(src, t).play()\n"
                       "rd = TableRead(t, freq=t.getRate()).out()\n",
                       0.05);
  for (int i = 0; i < 1000; ++i) ASSERT_NEAR(r.channels[0][i], 0.5 + i / 65536.0, 1e-6) << i;
}

TEST(TableWrite, TableScaleAndTableMorphWriteWhatTheirReadersRead) {
  // pyo 1.0.4 (buffersize=64), samples 240-243 of looping TableReads at the tables' rate: TableScale(DataTable(4,
  // init=[1, 2, 3, 4]), o, mul=2, add=0.5) makes o read 2.5, 4.5, 6.49999, 8.49999; TableMorph(Sig(0.75), mt,
  // [[0]*4, [1, 2, 3, 4], [10]*4]) makes mt read 5.5, 6.0, 6.49999, 6.99999.
  auto r = renderPatch("s = Server(nchnls=2)\n"
                       "t = DataTable(4, init=[1, 2, 3, 4])\n"
                       "o = DataTable(4)\n"
                       "sc = TableScale(t, o, mul=2, add=0.5)\n"
                       "r = TableRead(o, freq=o.getRate(), loop=True).play().out(0)\n"
                       "a = DataTable(4, init=[0, 0, 0, 0])\n"
                       "b = DataTable(4, init=[1, 2, 3, 4])\n"
                       "c = DataTable(4, init=[10, 10, 10, 10])\n"
                       "mt = NewTable(length=4/44100.)\n"
                       "m = TableMorph(Sig(0.75), mt, [a, b, c])\n"
                       "r2 = TableRead(mt, freq=mt.getRate(), loop=True).play().out(1)\n",
                       0.01);
  const float scaled[] = {2.5f, 4.5f, 6.5f, 8.5f}, morphed[] = {5.5f, 6.0f, 6.5f, 7.0f};
  for (int i = 0; i < 8; ++i) {
    EXPECT_NEAR(r.channels[0][240 + i], scaled[i % 4], 1e-4) << i;
    EXPECT_NEAR(r.channels[1][240 + i], morphed[i % 4], 1e-4) << i;
  }
}

TEST(TableWrite, TrigTableRecAndTableFillWriteWhatTheirReadersRead) {
  // A trigger at sample 0 (Metro's first) starts TrigTableRec's recording there; TableFill writes from when it is
  // made: both tables then hold the ramp, read back in the same block (tests/unit/stdlib/TableWritersTest.cpp has
  // pyo's measured block-by-block facts).
  auto r = renderPatch("s = Server(nchnls=2)\n"
                       "src = Phasor(freq=44100/65536.)\n"
                       "t = NewTable(length=300/44100.)\n"
                       "rec = TrigTableRec(src, Metro(time=1).play(), t)\n"
                       "f = NewTable(length=300/44100.)\n"
                       "fill = TableFill(src, f)\n"
                       "a = TableRead(t, freq=t.getRate()).play().out(0)\n"
                       "b = TableRead(f, freq=f.getRate()).play().out(1)\n",
                       0.01);
  for (int i = 0; i < 300; ++i) {
    ASSERT_NEAR(r.channels[0][i] * 65536.0, i, 1e-3) << i;
    ASSERT_NEAR(r.channels[1][i] * 65536.0, i, 1e-3) << i;
  }
}

}  // namespace
}  // namespace patchc::test
