// The MIDI objects' kernels (Notein, Midictl, Bendin, Touchin, MidiAdsr, MidiDelAdsr, MidiScan) fed the events
// the runtime writes into a patch's state (runtime/MidiEventBlock.h): each event lands on its own sample, also when
// the block is computed in sub-blocks (a patch with callbacks), and the numbers are pyo 1.0.4's.
#include "runtime/MidiEventBlock.h"
#include "stdlib/Registry.h"
#include "stdlib/kernels/MidiEvents.h"
#include "stdlib/kernels/MidiScan.h"
#include "stdlib/kernels/Notein.h"
#include "tests/unit/stdlib/KernelHarness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

namespace patchc::stdlibtest {
namespace {

using runtime::MidiBlockEvent;
using runtime::MidiEventBlock;
namespace notein = kernel::notein;

// The kernels' view and the runtime's block are one layout (the code generator hands one to the other).
static_assert(sizeof(kernel::midi::Event) == sizeof(MidiBlockEvent));
static_assert(offsetof(kernel::midi::Block, count) == offsetof(MidiEventBlock, count));
static_assert(offsetof(kernel::midi::Block, dropped) == offsetof(MidiEventBlock, dropped));
static_assert(offsetof(kernel::midi::Block, start) == offsetof(MidiEventBlock, start));
static_assert(offsetof(kernel::midi::Block, serial) == offsetof(MidiEventBlock, serial));
static_assert(offsetof(kernel::midi::Block, events) == offsetof(MidiEventBlock, events));
static_assert(offsetof(kernel::midi::Event, frame) == offsetof(MidiBlockEvent, frame));
static_assert(offsetof(kernel::midi::Event, status) == offsetof(MidiBlockEvent, status));
static_assert(offsetof(kernel::midi::Event, data2) == offsetof(MidiBlockEvent, data2));

struct Message {
  int64_t frame;
  uint8_t status, data1, data2;
};

// Runs one lane of `name` for `frames` frames as the generated code does: blocks of 64 whose events the runtime
// writes first (frames clamped into the block), each block cut into calls at `cuts` (offsets in the block, as
// patch_run splits it at callbacks' events). `values` are the inputs but the last, `midi`, when the object has
// one; `signals` replaces input k by a signal.
std::vector<std::vector<float>> run(const std::string& name, std::vector<float> values, const std::vector<Message>& messages,
                                    int frames, std::vector<int> cuts = {},
                                    const std::vector<std::pair<size_t, std::vector<float>>>& signals = {}) {
  const ObjectSpec* spec = Registry::builtin().find(name);
  EXPECT_NE(spec, nullptr) << name;
  if (!spec) return {};
  const bool readsMidi = spec->inputs.back().midi;
  if (readsMidi) values.push_back(0.0f);  // midi
  EXPECT_EQ(values.size(), spec->inputs.size()) << name;
  ConstantInputs constants{values};
  for (const auto& [k, s] : signals) constants.values[k] = std::numeric_limits<float>::quiet_NaN();
  const size_t stateBytes = spec->laneStateBytes(constants, kSampleRate);
  std::vector<std::max_align_t> state(stateBytes / sizeof(std::max_align_t) + 1);
  std::memset(state.data(), 0, state.size() * sizeof(std::max_align_t));
  auto block = std::make_unique<MidiEventBlock>();
  std::memset(block.get(), 0, sizeof(MidiEventBlock));
  const kernel::Env env{kSampleRate, 1.0f / kSampleRate};
  std::vector<kernel::In> in(values.size());
  auto setInputs = [&](int offset) {
    for (size_t k = 0; k < values.size(); ++k) in[k] = kernel::In{&values[k], 0};
    for (const auto& [k, s] : signals) in[k] = kernel::In{s.data() + offset, 1};
    if (readsMidi) in.back() = kernel::In{reinterpret_cast<const float*>(block.get()), kernel::midi::kBlockStride};
  };
  setInputs(0);
  spec->native.init(state.data(), in.data(), &env, 1);
  std::vector<std::vector<float>> out(static_cast<size_t>(spec->outputCount(constants)),
                                      std::vector<float>(static_cast<size_t>(frames)));
  std::vector<float*> outputs(out.size());
  size_t next = 0;
  for (int start = 0; start < frames; start += 64) {
    block->count = 0;
    for (; next < messages.size() && messages[next].frame < start + 64; ++next) {
      MidiBlockEvent& e = block->events[block->count++];
      e.frame = std::max<int64_t>(messages[next].frame, start);
      e.status = messages[next].status;
      e.data1 = messages[next].data1;
      e.data2 = messages[next].data2;
    }
    std::vector<int> edges{0};
    for (int c : cuts) edges.push_back(c);
    edges.push_back(64);
    for (size_t k = 0; k + 1 < edges.size(); ++k) {
      const int at = start + edges[k], n = std::min(edges[k + 1], frames - start) - edges[k];
      if (n <= 0) continue;
      setInputs(at);
      for (size_t o = 0; o < out.size(); ++o) outputs[o] = out[o].data() + at;
      spec->native.process(state.data(), in.data(), outputs.data(), n, &env);
    }
  }
  return out;
}

// midi::Clock follows the runtime's block: at the first call of a block of another serial it takes the block's
// start, whatever it held (a state carried from another instance, a fresh one mid-session); within the block it
// counts its own calls (sub-blocks); a block of serial 0 (a harness writing none) leaves it alone.
TEST(MidiClock, TakesTheBlocksStartAtANewSerialAndCountsWithinIt) {
  auto block = std::make_unique<MidiEventBlock>();
  std::memset(block.get(), 0, sizeof(MidiEventBlock));
  block->count = 2;
  block->events[0].frame = 5000 + 3;
  block->events[1].frame = 5000 + 40;
  block->start = 5000;
  block->serial = 7;
  const kernel::In in{reinterpret_cast<const float*>(block.get()), kernel::midi::kBlockStride};
  for (int64_t carried : {int64_t(0), int64_t(123), int64_t(4990), int64_t(5003), int64_t(99999)}) {
    kernel::midi::Clock clock{carried, 6};
    std::vector<int> taken;
    kernel::midi::eachEvent(clock, in, 10, [&](const kernel::midi::Event&, int at) { taken.push_back(at); });
    kernel::midi::eachEvent(clock, in, 54, [&](const kernel::midi::Event&, int at) { taken.push_back(10 + at); });
    EXPECT_EQ(taken, (std::vector<int>{3, 40})) << carried;
    EXPECT_EQ(clock.frame, 5064) << carried;
    EXPECT_EQ(clock.serial, 7u);
  }
  block->serial = 0;
  kernel::midi::Clock harness{5040, 0};
  int at = -1;
  kernel::midi::eachEvent(harness, in, 64, [&](const kernel::midi::Event&, int i) { at = i; });
  EXPECT_EQ(at, 0);  // the event at 5040, counted from the clock's own frame
}

// Notein's outputs: group g (pitch, velocity, trigon, trigoff) of voice v.
const std::vector<float>& voice(const std::vector<std::vector<float>>& out, int poly, int group, int v) {
  return out[static_cast<size_t>(group * poly + v)];
}

// Notein(poly=4): pitch and velocity change exactly at each event's sample, triggers are 1 there only; a voice
// keeps its pitch after its note-off (pyo's lastpitch). pyo's allocation starts after voice 0: the first note
// goes to voice 1, then round robin over the free voices.
TEST(Notein, NoteOnAndOffAtTheirSamples) {
  const std::vector<Message> notes{{10, 0x90, 60, 100}, {100, 0x90, 64, 64}, {150, 0x80, 60, 0}, {200, 0x90, 64, 0}};
  for (std::vector<int> cuts : {std::vector<int>{}, std::vector<int>{7, 10, 11, 40}, std::vector<int>{36, 37}}) {
    auto out = run("Notein", {4, 0, 0, 127, 0, 0}, notes, 256, cuts);
    ASSERT_EQ(out.size(), 16u);
    const auto& pitch1 = voice(out, 4, notein::kPitch, 1);
    const auto& velocity1 = voice(out, 4, notein::kVelocity, 1);
    EXPECT_EQ(pitch1[9], 0.0f);
    EXPECT_EQ(pitch1[10], 60.0f);
    EXPECT_EQ(velocity1[9], 0.0f);
    EXPECT_FLOAT_EQ(velocity1[10], 100.0f / 127.0f);
    EXPECT_FLOAT_EQ(velocity1[149], 100.0f / 127.0f);
    EXPECT_EQ(velocity1[150], 0.0f);
    EXPECT_EQ(pitch1[255], 60.0f);  // held after the note-off
    const auto& pitch2 = voice(out, 4, notein::kPitch, 2);
    EXPECT_EQ(pitch2[99], 0.0f);
    EXPECT_EQ(pitch2[100], 64.0f);
    EXPECT_FLOAT_EQ(voice(out, 4, notein::kVelocity, 2)[199], 64.0f / 127.0f);
    EXPECT_EQ(voice(out, 4, notein::kVelocity, 2)[200], 0.0f);  // note-on with velocity 0 is a note-off
    for (int i = 0; i < 256; ++i) {
      EXPECT_EQ(voice(out, 4, notein::kTrigOn, 1)[i], i == 10 ? 1.0f : 0.0f) << i;
      EXPECT_EQ(voice(out, 4, notein::kTrigOff, 1)[i], i == 150 ? 1.0f : 0.0f) << i;
      EXPECT_EQ(voice(out, 4, notein::kTrigOn, 2)[i], i == 100 ? 1.0f : 0.0f) << i;
      EXPECT_EQ(voice(out, 4, notein::kTrigOff, 2)[i], i == 200 ? 1.0f : 0.0f) << i;
      EXPECT_EQ(voice(out, 4, notein::kVelocity, 0)[i], 0.0f);
    }
  }
}

// Voices: round robin from the one after the last used, skipping busy ones; with every voice busy a new note is
// dropped (pyo's default), or takes the next voice in turn with setStealing(True). A repeated note-on of a held
// pitch and a note-off of a pitch not held change nothing.
TEST(Notein, VoiceAllocationAndStealingAsPyo) {
  const std::vector<Message> notes{{0, 0x90, 60, 10}, {1, 0x90, 62, 20}, {2, 0x90, 64, 30}, {3, 0x80, 62, 0},
                                   {4, 0x90, 65, 40}, {5, 0x90, 67, 50}, {6, 0x90, 60, 99}, {7, 0x80, 70, 0}};
  auto at = [](const std::vector<std::vector<float>>& out, int group, int v, int i) {
    return voice(out, 3, group, v)[static_cast<size_t>(i)];
  };
  auto out = run("Notein", {3, 0, 0, 127, 0, 0}, notes, 64);
  // 60 → voice 1, 62 → 2, 64 → 0; 62 off frees 2; 65 → 2 (the next free after 0); 67: none free, dropped.
  EXPECT_EQ(at(out, notein::kPitch, 1, 63), 60.0f);
  EXPECT_EQ(at(out, notein::kPitch, 0, 63), 64.0f);
  EXPECT_EQ(at(out, notein::kPitch, 2, 63), 65.0f);
  EXPECT_FLOAT_EQ(at(out, notein::kVelocity, 1, 63), 10.0f / 127.0f);  // the repeated 60 changed nothing
  for (int v = 0; v < 3; ++v) EXPECT_EQ(at(out, notein::kTrigOn, v, 5), 0.0f);
  auto stolen = run("Notein", {3, 0, 0, 127, 0, 1}, notes, 64);
  // Stealing: each new note takes the voice after the last used, free or not: 65 → voice 1 (which held 60),
  // 67 → 2, and 60, no longer held, → 0 (which held 64).
  EXPECT_EQ(at(stolen, notein::kPitch, 1, 4), 65.0f);
  EXPECT_EQ(at(stolen, notein::kPitch, 2, 5), 67.0f);
  EXPECT_EQ(at(stolen, notein::kTrigOn, 2, 5), 1.0f);
  EXPECT_FLOAT_EQ(at(stolen, notein::kVelocity, 2, 5), 50.0f / 127.0f);
  EXPECT_EQ(at(stolen, notein::kPitch, 0, 6), 60.0f);
  EXPECT_FLOAT_EQ(at(stolen, notein::kVelocity, 0, 6), 99.0f / 127.0f);
}

// scale 1 is Hz (pyo's 8.1757989156437 · 1.0594630943593^note), scale 2 a factor from the central key
// (first + last) / 2; first/last and channel filter.
TEST(Notein, ScalesRangeAndChannel) {
  const std::vector<Message> notes{{0, 0x90, 69, 100}};
  EXPECT_NEAR(voice(run("Notein", {2, 1, 0, 127, 0, 0}, notes, 64), 2, notein::kPitch, 1)[0], 440.0f, 0.01f);
  EXPECT_NEAR(voice(run("Notein", {2, 2, 48, 72, 0, 0}, notes, 64), 2, notein::kPitch, 1)[0],
              std::pow(1.0594630943593f, 9.0f), 1e-5f);
  EXPECT_EQ(voice(run("Notein", {2, 0, 70, 127, 0, 0}, notes, 64), 2, notein::kVelocity, 1)[0], 0.0f);
  EXPECT_EQ(voice(run("Notein", {2, 0, 0, 127, 2, 0}, notes, 64), 2, notein::kVelocity, 1)[0], 0.0f);
  EXPECT_GT(voice(run("Notein", {2, 0, 0, 127, 1, 0}, notes, 64), 2, notein::kVelocity, 1)[0], 0.0f);
}

// Midictl: value / 127 · (max − min) + min from the message's sample, init before; other controllers and
// channels change nothing.
TEST(Midictl, ScalingAndChannelFilter) {
  const std::vector<Message> messages{{5, 0xB0, 7, 127}, {70, 0xB1, 7, 0}, {80, 0xB0, 8, 0}, {90, 0xB0, 7, 0}};
  auto out = run("Midictl", {7, 100, 200, 150, 1}, messages, 128, {33})[0];
  EXPECT_EQ(out[4], 150.0f);
  EXPECT_EQ(out[5], 200.0f);
  EXPECT_EQ(out[89], 200.0f);  // channel 2's and controller 8's messages pass by
  EXPECT_EQ(out[90], 100.0f);
  auto any = run("Midictl", {7, 0, 1, 0, 0}, messages, 128)[0];
  EXPECT_EQ(any[70], 0.0f);  // channel 0 takes channel 2's too
  EXPECT_EQ(any[69], 1.0f);
}

// Bendin: ±brange semitones (scale 0), 1.0594630943593^semitones (scale 1, 1 before any bend).
TEST(Bendin, RangeAndTransposition) {
  const std::vector<Message> bends{{3, 0xE0, 0x7F, 0x7F}, {40, 0xE0, 0x00, 0x00}, {60, 0xE0, 0x00, 0x40}};
  auto semis = run("Bendin", {12, 0, 0}, bends, 64)[0];
  EXPECT_EQ(semis[2], 0.0f);
  EXPECT_NEAR(semis[3], 12.0f * 8191.0f / 8192.0f, 1e-4f);
  EXPECT_EQ(semis[40], -12.0f);
  EXPECT_EQ(semis[60], 0.0f);
  auto factor = run("Bendin", {2, 1, 0}, bends, 64)[0];
  EXPECT_EQ(factor[0], 1.0f);
  EXPECT_NEAR(factor[40], std::pow(1.0594630943593f, -2.0f), 1e-6f);
}

TEST(Touchin, ChannelPressureScaled) {
  auto out = run("Touchin", {0, 10, 5, 0}, {{17, 0xD3, 127, 0}}, 64)[0];
  EXPECT_EQ(out[16], 5.0f);
  EXPECT_EQ(out[17], 10.0f);
}

// MidiAdsr: on the velocity's rise to v, a line to v in `attack`, to v·sustain in `decay`, held; on its fall to
// 0, a line to 0 in `release`, as pyo 1.0.4's MidiAdsr (a sample is 1/44100 s).
TEST(MidiAdsr, ShapeFollowsTheVelocity) {
  const int n = 44100;
  std::vector<float> velocity(n, 0.0f);
  for (int i = 441; i < 22050; ++i) velocity[size_t(i)] = 0.8f;
  auto out = run("MidiAdsr", {0, 0.01f, 0.1f, 0.5f, 0.2f, 1}, {}, n, {}, {{0, velocity}})[0];
  EXPECT_EQ(out[440], 0.0f);
  EXPECT_EQ(out[441], 0.0f);  // t = 0: the attack starts from 0
  EXPECT_NEAR(out[441 + 220], 0.8f * 220.0f / 441.0f, 1e-4f);      // half way up
  EXPECT_NEAR(out[441 + 441], 0.8f, 2e-3f);                        // the top after 10 ms
  EXPECT_NEAR(out[441 + 441 + 2205], 0.8f * 0.75f, 2e-3f);          // half way down the decay to 0.4
  EXPECT_NEAR(out[20000], 0.4f, 1e-6f);                             // sustain: 0.8 · 0.5
  EXPECT_NEAR(out[22050 + 4410], 0.2f, 1e-3f);                      // half way through the 0.2 s release
  EXPECT_EQ(out[22050 + 8821], 0.0f);
  auto delayed = run("MidiDelAdsr", {0, 0.1f, 0.01f, 0.1f, 0.5f, 0.2f, 1}, {}, n, {}, {{0, velocity}})[0];
  EXPECT_EQ(delayed[441 + 4409], 0.0f);  // silent through the delay
  EXPECT_NEAR(delayed[441 + 4410 + 441], 0.8f, 2e-3f);
}

// MidiScan (CtlScan, CtlScan2, RawMidi): each message on its sample as one number; messages that share a sample
// follow one per sample; CtlScan marks a message `changed` only when the controller number is new.
TEST(MidiScan, EncodesMessagesOnePerSample) {
  const std::vector<Message> messages{{4, 0xB0, 7, 1}, {4, 0xB0, 7, 2}, {4, 0x91, 60, 100}, {9, 0xB2, 8, 3}};
  auto code = [](bool changed, int s, int d1, int d2) { return kernel::midiscan::encode(changed, s, d1, d2); };
  auto ctl = run("MidiScan", {kernel::midiscan::kControllers}, messages, 64)[0];
  EXPECT_EQ(ctl[3], 0.0f);
  EXPECT_EQ(ctl[4], code(true, 0xB0, 7, 1));
  EXPECT_EQ(ctl[5], code(false, 0xB0, 7, 2));
  EXPECT_EQ(ctl[6], 0.0f);  // the note is not a controller
  EXPECT_EQ(ctl[9], code(true, 0xB2, 8, 3));
  auto raw = run("MidiScan", {kernel::midiscan::kEveryMessage}, messages, 64, {5})[0];
  EXPECT_EQ(raw[4], code(true, 0xB0, 7, 1));
  EXPECT_EQ(raw[5], code(true, 0xB0, 7, 2));
  EXPECT_EQ(raw[6], code(true, 0x91, 60, 100));
  EXPECT_EQ(raw[7], 0.0f);
}

}  // namespace
}  // namespace patchc::stdlibtest
