// Writers of tables (TableRec, ...) through the kernel harness: the table input is an array the kernel writes,
// read back from the harness's inputs (the audio test tests/audio/TableWriteTest.cpp plays them with readers).
//
// pyo 1.0.4, measured with /usr/bin/python3 and an offline Server (nchnls=1, 0.1 s), src = Phasor(freq=44100/65536.)
// (sample i is i/65536), tables read back with getTable():
//  - NewTable(length=1000/44100.), TableRec(src, t, fadetime=100/44100.).play(): sample i holds i·g/65536 with
//    g = i/100 below 100 (96.04/65536 at 98), 1 up to 899, (1000 − (i + 1))/100 from 900 (891/65536 at 900,
//    9.98/65536 at 998, 0 at 999).
//  - NewTable(length=300/44100.), fadetime=1.0 (more than half the table): the fade is floor(300·0.499) = 149
//    samples: 145.027/65536 at 147, 149/65536 at 149, 149.987/65536 at 151 ((300 − 152)/149 · 151), 2/65536 at 298.
//  - not played: NewTable(init=[0.25]*1000) keeps 0.25.
//  - Server(buffersize=64), 640 samples: m = Metro(time=100/44100.) (triggers at 0, 101, 201, 301, 401, ...),
//    TrigTableRec(src, m, NewTable(length=300/44100.)): the recording from 0 fills the table by 299 (the trigger
//    at 301 comes in the block that ends it, 256-319, and is not seen); 401 starts one again: sample k holds input
//    401 + k up to 238 (639), then still 239, 240, ... With fadetime=50/44100. the fade is round(50 + 0.5) = 51
//    samples: 7.882/65536 at 1 (402/51), 412.863/65536 at 47, 452/65536 at 51, 245.098/65536 at 250 ((300 − 250)
//    /51 · 250, the first sample past size − 51; TableRec's fade out is one sample earlier).
//  - TableScale(DataTable(4, init=[1, 2, 3, 4]), DataTable(3, init=[9, 9, 9]), mul=2, add=0.5): the out table
//    holds [2.5, 4.5, 6.5]; TableScale's output is 0 (get() 0.0: mul and add scale the copy, not the output).
//  - TableMorph(Sig(x), NewTable(length=4/44100.), [a, b, c]) with a = [0]*4, b = [1, 2, 3, 4], c = [10]*4: x=0.75
//    gives [5.5, 6, 6.5, 7]; x=1.5 (held to 0.999999) 9.99998188, 9.99998379, 9.99998569, 9.99998856 (b·2e-6 +
//    c·(1 − 2e-6) in floats); Sig([0.2, 0.9]) into a 1-channel table uses 0.2: [0.4, 0.8, 1.2, 1.6]. Into
//    NewTable(length=6/44100., init=[1]*6, feedback=0.5) from [a, b] at 0.25, two 64-sample blocks write the 4-sample
//    mix [0.25, 0.5, 0.75, 1] twice from the running position: [1.125, 1.5, 1.25, 1.5, 0.75, 1.0].
//  - TableFill(src, NewTable(length=100/44100.)) after 640 samples: sample k holds input 600 + k for k < 40, then
//    500 + k (540 at 40, 599 at 99).
#include "stdlib/kernels/TableFill.h"
#include "stdlib/kernels/TableMorph.h"
#include "stdlib/kernels/TableRec.h"
#include "stdlib/kernels/TableScale.h"
#include "stdlib/kernels/TrigTableRec.h"
#include "tests/unit/stdlib/KernelHarness.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>

namespace patchc::stdlibtest {
namespace {


using namespace patchc::kernel::tablerec;

// Runs one lane of a writer's native kernel in blocks of 64 and leaves in `inputs` what it wrote into its table
// (the harness's render works on a copy of its inputs). `changes` as the harness's: a number set from a sample on.
std::vector<float> renderWriting(const std::string& name, std::vector<Input>& inputs, int count,
                                 RenderOptions options = {}) {
  const ObjectSpec* spec = Registry::builtin().find(name);
  EXPECT_TRUE(spec && spec->native.init && spec->native.process) << name;
  if (!spec || !spec->native.process) return {};
  std::vector<std::max_align_t> state(spec->stateBytes / sizeof(std::max_align_t) + 2);
  const kernel::Env env{kSampleRate, 1.0f / kSampleRate};
  auto ins = [&](int offset) {
    std::vector<kernel::In> in;
    for (const auto& input : inputs) {
      if (input.isArray) in.push_back({input.samples.data(), static_cast<int>(input.samples.size())});
      else if (input.isSignal()) in.push_back({input.samples.data() + offset, 1});
      else in.push_back({&input.constant, 0});
    }
    return in;
  };
  spec->native.init(state.data(), ins(0).data(), &env, 1);
  std::vector<float> out(static_cast<size_t>(count));
  size_t change = 0;
  for (int at = 0; at < count;) {
    while (change < options.changes.size() && options.changes[change].at <= at) {
      inputs[options.changes[change].input].constant = options.changes[change].value;
      ++change;
    }
    int n = std::min(kBlockSize - at % kBlockSize, count - at);
    if (change < options.changes.size()) n = std::min(n, options.changes[change].at - at);
    float* outputs[] = {out.data() + at};  // one output (several-output kernels take one pointer each)
    spec->native.process(state.data(), ins(at).data(), outputs, n, &env);
    at += n;
  }
  return out;
}

std::vector<float> ramp(int count) {
  std::vector<float> x(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) x[static_cast<size_t>(i)] = static_cast<float>(i) / 65536.0f;
  return x;
}

// The table after recording `count` samples of the ramp into a table of `size` zeros (size + 1 with the guard).
std::vector<float> recorded(int size, float fadetime, int count, float playing = 1.0f, float initial = 0.0f,
                            float feedback = 0.0f) {
  std::vector<Input> inputs(5);
  inputs[kInput] = Input::signal(ramp(count));
  inputs[kTable] = Input::array(std::vector<float>(static_cast<size_t>(size) + 1, initial));
  inputs[kFadetime] = Input::value(fadetime);
  inputs[kTableFeedback] = Input::value(feedback);
  inputs[kPlaying] = Input::value(playing);
  auto out = renderWriting("TableRec", inputs, count);
  EXPECT_LT(*std::max_element(out.begin(), out.end()), 1e-30f);  // TableRec outputs nothing
  return inputs[kTable].samples;
}

TEST(TableRec, RecordsFromTheStartThenStopsAndSetsTheGuardPoint) {
  auto t = recorded(1000, 0.0f, 1500);
  for (int i = 0; i < 1000; ++i) ASSERT_FLOAT_EQ(t[i] * 65536.0f, static_cast<float>(i)) << i;
  EXPECT_EQ(t[1000], t[0]);
}

TEST(TableRec, FadesAsPyo) {
  auto t = recorded(1000, 100.0f / 44100.0f, 1000);
  EXPECT_NEAR(t[98] * 65536.0, 96.04, 1e-3);
  EXPECT_NEAR(t[100] * 65536.0, 100.0, 1e-3);
  EXPECT_NEAR(t[899] * 65536.0, 899.0, 1e-3);
  EXPECT_NEAR(t[900] * 65536.0, 891.0, 1e-3);
  EXPECT_NEAR(t[998] * 65536.0, 9.98, 1e-3);
  EXPECT_EQ(t[999], 0.0f);
}

TEST(TableRec, AFadeOfMoreThanHalfTheTableIsHeldTo0Point499OfIt) {
  auto t = recorded(300, 1.0f, 300);
  EXPECT_NEAR(t[147] * 65536.0, 145.027, 1e-3);
  EXPECT_NEAR(t[149] * 65536.0, 149.0, 1e-3);
  EXPECT_NEAR(t[151] * 65536.0, 149.987, 1e-3);
  EXPECT_NEAR(t[298] * 65536.0, 2.0, 1e-3);
}

TEST(TableRec, NothingBeforePlay) {
  auto t = recorded(1000, 0.0f, 1000, 0.0f, 0.25f);
  for (float x : t) ASSERT_EQ(x, 0.25f);
}

TEST(TableRec, FeedbackKeepsThatMuchOfTheOldSample) {
  auto t = recorded(1000, 0.0f, 1000, 1.0f, 1.0f, 0.5f);
  EXPECT_NEAR(t[1], 0.500015, 1e-6);
  EXPECT_NEAR(t[999], 0.515244, 1e-6);
}

TEST(TableRec, PlayAgainRestartsAtTheStartAndStopEnds) {
  std::vector<Input> inputs(5);
  inputs[kInput] = Input::signal(ramp(700));
  inputs[kTable] = Input::array(std::vector<float>(1001, 0.0f));
  inputs[kFadetime] = Input::value(0.0f);
  inputs[kTableFeedback] = Input::value(0.0f);
  inputs[kPlaying] = Input::value(1.0f);
  // stop() at 128 ends the recording there; play() again at 600 records input 600... from the table's sample 0.
  RenderOptions options;
  options.changes = {{128, kPlaying, -1.0f}, {600, kPlaying, 2.0f}};
  renderWriting("TableRec", inputs, 700, options);
  const auto& t = inputs[kTable].samples;
  EXPECT_FLOAT_EQ(t[0] * 65536.0f, 600.0f);
  EXPECT_FLOAT_EQ(t[99] * 65536.0f, 699.0f);
  EXPECT_FLOAT_EQ(t[100] * 65536.0f, 100.0f);  // the first recording's
  EXPECT_FLOAT_EQ(t[127] * 65536.0f, 127.0f);
  EXPECT_EQ(t[128], 0.0f);  // stopped before
  EXPECT_EQ(t[500], 0.0f);
}

// Impulses of 1.0 at `at` (as pyo's triggers).
std::vector<float> triggers(int count, std::initializer_list<int> at) {
  std::vector<float> x(static_cast<size_t>(count), 0.0f);
  for (int i : at) x[static_cast<size_t>(i)] = 1.0f;
  return x;
}

std::vector<float> trigRecorded(float fadetime) {
  namespace ttr = patchc::kernel::trigtablerec;
  std::vector<Input> inputs(5);
  inputs[ttr::kInput] = Input::signal(ramp(640));
  inputs[ttr::kTrig] = Input::signal(triggers(640, {0, 101, 201, 301, 401, 501, 601}));
  inputs[ttr::kTable] = Input::array(std::vector<float>(301, 0.0f));
  inputs[ttr::kFadetime] = Input::value(fadetime);
  inputs[ttr::kTableFeedback] = Input::value(0.0f);
  auto out = renderWriting("TrigTableRec", inputs, 640);
  EXPECT_LT(*std::max_element(out.begin(), out.end()), 1e-30f);
  return inputs[ttr::kTable].samples;
}

TEST(TrigTableRec, ATriggerWhileIdleStartsARecordingBlockByBlockAsPyo) {
  auto t = trigRecorded(0.0f);
  EXPECT_FLOAT_EQ(t[0] * 65536.0f, 401.0f);
  EXPECT_FLOAT_EQ(t[238] * 65536.0f, 639.0f);
  EXPECT_FLOAT_EQ(t[239] * 65536.0f, 239.0f);
  EXPECT_FLOAT_EQ(t[299] * 65536.0f, 299.0f);
  EXPECT_EQ(t[300], 0.0f);  // the guard point of the first recording: its sample 0
}

TEST(TrigTableRec, FadesAsPyo) {
  auto t = trigRecorded(50.0f / 44100.0f);
  EXPECT_NEAR(t[1] * 65536.0, 7.882, 1e-3);
  EXPECT_NEAR(t[47] * 65536.0, 412.863, 1e-3);
  EXPECT_NEAR(t[51] * 65536.0, 452.0, 1e-3);
  EXPECT_NEAR(t[249] * 65536.0, 249.0, 1e-3);
  EXPECT_NEAR(t[250] * 65536.0, 245.098, 1e-3);
}

TEST(TableFill, WritesAroundTheTableFromWhenItIsMade) {
  namespace tf = patchc::kernel::tablefill;
  std::vector<Input> inputs(2);
  inputs[tf::kInput] = Input::signal(ramp(640));
  inputs[tf::kTable] = Input::array(std::vector<float>(101, 0.5f));
  renderWriting("TableFill", inputs, 640);
  const auto& t = inputs[tf::kTable].samples;
  EXPECT_FLOAT_EQ(t[0] * 65536.0f, 600.0f);
  EXPECT_FLOAT_EQ(t[39] * 65536.0f, 639.0f);
  EXPECT_FLOAT_EQ(t[40] * 65536.0f, 540.0f);
  EXPECT_FLOAT_EQ(t[99] * 65536.0f, 599.0f);
  EXPECT_EQ(t[100], 0.5f);  // the guard point is left alone, as pyo
}

TEST(TableScale, CopiesTimesMulPlusAddOverTheSmallerSize) {
  namespace ts = patchc::kernel::tablescale;
  std::vector<Input> inputs(4);
  inputs[ts::kTable] = Input::array({1, 2, 3, 4, 0});
  inputs[ts::kOuttable] = Input::array({9, 9, 9, 9});
  inputs[ts::kTableMul] = Input::value(2.0f);
  inputs[ts::kTableAdd] = Input::value(0.5f);
  auto out = renderWriting("TableScale", inputs, 64);
  EXPECT_EQ(inputs[ts::kOuttable].samples, (std::vector<float>{2.5f, 4.5f, 6.5f, 9.0f}));  // guard point left
  EXPECT_EQ(*std::max_element(out.begin(), out.end()), 0.0f);
}

// The packed sources of TableMorph (Declare.h's tableList): count, sizes, samples.
std::vector<float> packedSources(const std::vector<std::vector<float>>& tables) {
  std::vector<float> packed{static_cast<float>(tables.size())};
  for (const auto& t : tables) packed.push_back(static_cast<float>(t.size()));
  for (const auto& t : tables) packed.insert(packed.end(), t.begin(), t.end());
  return packed;
}

std::vector<float> morphed(float x, const std::vector<std::vector<float>>& sources, std::vector<float> table,
                           float feedback, int count) {
  namespace tm = patchc::kernel::tablemorph;
  std::vector<Input> inputs(4);
  inputs[tm::kInput] = Input::signal(std::vector<float>(static_cast<size_t>(count), x));
  inputs[tm::kTable] = Input::array(std::move(table));
  inputs[tm::kSources] = Input::array(packedSources(sources));
  inputs[tm::kTableFeedback] = Input::value(feedback);
  renderWriting("TableMorph", inputs, count);
  return inputs[tm::kTable].samples;
}

TEST(TableMorph, MixesTheTwoNeighbouringTablesAsPyo) {
  const std::vector<std::vector<float>> abc{{0, 0, 0, 0}, {1, 2, 3, 4}, {10, 10, 10, 10}};
  auto t = morphed(0.75f, abc, std::vector<float>(5, 0.0f), 0.0f, 128);
  EXPECT_EQ(std::vector<float>(t.begin(), t.begin() + 4), (std::vector<float>{5.5f, 6.0f, 6.5f, 7.0f}));
  EXPECT_EQ(t[4], t[0]);  // the guard point, set at each wrap
  t = morphed(1.5f, abc, std::vector<float>(5, 0.0f), 0.0f, 128);
  EXPECT_NEAR(t[0], 9.999981880187988, 1e-7);
  EXPECT_NEAR(t[3], 9.999988555908203, 1e-7);
}

TEST(TableMorph, WritesFromItsRunningPositionWithTheTablesFeedback) {
  auto t = morphed(0.25f, {{0, 0, 0, 0}, {1, 2, 3, 4}}, std::vector<float>(7, 1.0f), 0.5f, 128);
  EXPECT_EQ(std::vector<float>(t.begin(), t.begin() + 6), (std::vector<float>{1.125f, 1.5f, 1.25f, 1.5f, 0.75f, 1.0f}));
}

}  // namespace
}  // namespace patchc::stdlibtest
