// What a patch sends through its MidiOutQueue (PatchABI::midiOut), taken off the audio thread: in the order sent,
// a full queue counted and never waited for; and renderCommand's --midi-out, which writes every message sent
// before the render's end at its frame and, of those stamped later, only the note-offs of notes still on.
#include "runtime/MidiFile.h"
#include "runtime/MidiOutput.h"
#include "runtime/Program.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <unistd.h>

namespace patchc::runtime {
namespace {

// A patch whose every process call sends, at its first frame, a note-on of key 60 ended 1000 frames later, and a
// note-on of key 61 500 frames ahead ended 600 frames ahead.
struct SenderState {
  MidiOutQueue queue;
  int64_t frames;
};

void senderProcess(void* state, float** outputs, int frames) {
  auto& s = *static_cast<SenderState*>(state);
  s.queue.push(s.frames, 0x90, 60, 100);
  s.queue.push(s.frames + 1000, 0x90, 60, 0);
  s.queue.push(s.frames + 500, 0x91, 61, 90);
  s.queue.push(s.frames + 600, 0x81, 61, 0);
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < frames; ++i) outputs[c][i] = 0.0f;
  s.frames += frames;
}

PatchABI senderPatch() {
  PatchABI abi;
  abi.stateBytes = sizeof(SenderState);
  abi.stateAlign = alignof(SenderState);
  abi.channels = 2;
  abi.sampleRate = 44100;
  abi.bufferSize = 64;
  abi.process = senderProcess;
  abi.midiOut = offsetof(SenderState, queue);
  return abi;
}

TEST(MidiOutTest, TakenInTheOrderSentAndAFullQueueCounts) {
  PatchInstance instance(senderPatch());
  float left[64], right[64];
  float* outputs[] = {left, right};
  instance.render(outputs, 64);
  std::vector<MidiEvent> taken;
  EXPECT_EQ(takeMidiOut(instance, taken), 4u);
  const std::vector<MidiEvent> expected = {{0, 0x90, 60, 100}, {1000, 0x90, 60, 0}, {500, 0x91, 61, 90}, {600, 0x81, 61, 0}};
  EXPECT_EQ(taken, expected);
  EXPECT_EQ(takeMidiOutDropped(instance), 0u);
  // 1024 entries: 256 calls fill it; the 257th call's four are dropped and counted, nothing waits.
  for (int i = 0; i < 257; ++i) instance.render(outputs, 64);
  taken.clear();
  EXPECT_EQ(takeMidiOut(instance, taken), MidiOutQueue::kCapacity);
  EXPECT_EQ(takeMidiOutDropped(instance), 4u);
  EXPECT_EQ(takeMidiOutDropped(instance), 0u);  // counted once
}

TEST(MidiOutTest, RenderWritesWhatWasSentBeforeTheEndAndTheNoteOffsOfNotesStillOn) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("patchc-midiout-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  PatchInstance instance(senderPatch());
  RenderRequest request;
  request.output = (dir / "out.wav").string();
  request.seconds = 441.0 / 44100;  // 441 frames: calls at 0, 64, ..., 384
  request.quiet = true;
  request.midiOut = (dir / "out.mid").string();
  RenderStats stats;
  ASSERT_EQ(renderCommand(instance, request, "test", stats), 0);
  MidiFileResult read = readMidiFile(request.midiOut);
  ASSERT_TRUE(read.ok()) << read.error;
  std::vector<MidiEvent> events = midiFileEventsAtFrames(read.file, 44100);
  std::vector<MidiEvent> expected;
  // Key 61: on from 500 on, past the end: neither its note-on nor its note-off. Key 60: on at each call's frame,
  // its note-off 1000 frames later (past the end, kept: the note is on at the end).
  for (int64_t f = 0; f <= 384; f += 64) expected.push_back({f, 0x90, 60, 100});
  for (int64_t f = 0; f <= 384; f += 64) expected.push_back({f + 1000, 0x90, 60, 0});
  EXPECT_EQ(events, expected);
  EXPECT_DOUBLE_EQ(read.file.endSeconds, 1384.0 / 44100);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace patchc::runtime
