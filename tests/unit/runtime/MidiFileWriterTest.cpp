// The Standard MIDI File writer (--midi-out): a tick is exactly one frame, so every message read back by the
// runtime's own reader (MidiFile.h) lands on the frame it was written at, at the rates people use; rates with no
// exact tempo are refused; the file appears atomically or not at all.
#include "runtime/MidiFile.h"
#include "runtime/MidiFileWriter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

namespace patchc::runtime {
namespace {

std::vector<MidiEvent> someEvents(int64_t span, uint32_t seed) {
  std::mt19937 random(seed);
  std::vector<MidiEvent> events;
  for (int i = 0; i < 500; ++i) {
    const uint8_t kinds[] = {0x80, 0x90, 0xA0, 0xB0, 0xC0, 0xD0, 0xE0};
    const uint8_t status = uint8_t(kinds[random() % 7] | (random() % 16));
    const bool one = (status & 0xF0) == 0xC0 || (status & 0xF0) == 0xD0;
    events.push_back({int64_t(random() % uint64_t(span)), status, uint8_t(random() % 128),
                      uint8_t(one ? 0 : random() % 128)});
  }
  return events;
}

TEST(MidiFileWriterTest, TicksAreFramesAtCommonRates) {
  std::string error;
  auto at44100 = frameTicks(44100, error);
  ASSERT_TRUE(at44100) << error;
  EXPECT_EQ(at44100->ticksPerQuarter, 22050);
  EXPECT_EQ(at44100->microsecondsPerQuarter, 500000);
  auto at48000 = frameTicks(48000, error);
  ASSERT_TRUE(at48000) << error;
  EXPECT_EQ(at48000->ticksPerQuarter, 24000);
  EXPECT_EQ(at48000->microsecondsPerQuarter, 500000);
  for (double rate : {8000.0, 11025.0, 22050.0, 32000.0, 44100.0, 48000.0, 88200.0, 96000.0, 192000.0}) {
    auto t = frameTicks(rate, error);
    ASSERT_TRUE(t) << rate << ": " << error;
    // tempo / ticks == 10^6 / rate exactly.
    EXPECT_EQ(int64_t(t->microsecondsPerQuarter) * int64_t(rate), int64_t(t->ticksPerQuarter) * 1000000) << rate;
    EXPECT_LE(t->ticksPerQuarter, 32767);
  }
}

TEST(MidiFileWriterTest, RefusesRatesWithoutAnExactTempo) {
  std::string error;
  EXPECT_FALSE(frameTicks(44100.5, error));
  EXPECT_NE(error.find("whole number"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(frameTicks(44101, error));  // 44101 ticks per quarter: more than 15 bits
  EXPECT_NE(error.find("32767"), std::string::npos) << error;
  std::vector<uint8_t> bytes = encodeMidiFile({{0, 0x90, 60, 100}}, 44101, 10, error);
  EXPECT_TRUE(bytes.empty());
}

TEST(MidiFileWriterTest, RoundTripKeepsEveryFrameAndMessage) {
  for (double rate : {44100.0, 48000.0, 96000.0, 22050.0}) {
    std::vector<MidiEvent> events = someEvents(int64_t(rate) * 30, uint32_t(rate));
    std::string error;
    std::vector<uint8_t> bytes = encodeMidiFile(events, rate, int64_t(rate) * 31, error);
    ASSERT_FALSE(bytes.empty()) << error;
    MidiFileResult read = parseMidiFile(bytes.data(), bytes.size());
    ASSERT_TRUE(read.ok()) << read.error;
    EXPECT_EQ(read.file.format, 0);
    EXPECT_DOUBLE_EQ(read.file.endSeconds, 31.0);
    std::vector<MidiEvent> expected = events;
    std::stable_sort(expected.begin(), expected.end(), [](auto& a, auto& b) { return a.frame < b.frame; });
    EXPECT_EQ(midiFileEventsAtFrames(read.file, rate), expected) << rate;
  }
}

TEST(MidiFileWriterTest, EqualFramesKeepTheOrderSent) {
  // A note-off and a note-on of the same key on the same frame: the off, sent first, stays first.
  std::vector<MidiEvent> events = {{100, 0x90, 60, 90}, {50, 0x90, 60, 0}, {50, 0x90, 60, 80}, {0, 0xB0, 7, 1}};
  std::string error;
  std::vector<uint8_t> bytes = encodeMidiFile(events, 44100, 0, error);
  MidiFileResult read = parseMidiFile(bytes.data(), bytes.size());
  ASSERT_TRUE(read.ok()) << read.error;
  std::vector<MidiEvent> expected = {{0, 0xB0, 7, 1}, {50, 0x90, 60, 0}, {50, 0x90, 60, 80}, {100, 0x90, 60, 90}};
  EXPECT_EQ(midiFileEventsAtFrames(read.file, 44100), expected);
  EXPECT_DOUBLE_EQ(read.file.endSeconds, 100.0 / 44100);  // the end is never before the last message
}

TEST(MidiFileWriterTest, WritesAtomically) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("patchc-midiwriter-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.mid").string();
  {
    std::ofstream old(path);
    old << "previous";
  }
  // An error (no exact tempo) leaves the old file as it was and no temporary file.
  EXPECT_FALSE(writeMidiFile(path, {{0, 0x90, 60, 1}}, 44101, 0).empty());
  {
    std::ifstream in(path);
    std::string text;
    in >> text;
    EXPECT_EQ(text, "previous");
  }
  EXPECT_EQ(writeMidiFile(path, {{0, 0x90, 60, 1}, {441, 0x90, 60, 0}}, 44100, 44100), "");
  MidiFileResult read = readMidiFile(path);
  ASSERT_TRUE(read.ok()) << read.error;
  EXPECT_EQ(read.file.events.size(), 2u);
  size_t files = 0;
  for (auto& entry : std::filesystem::directory_iterator(dir)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1u);
  EXPECT_NE(writeMidiFile((dir / "missing" / "out.mid").string(), {}, 44100, 0), "");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace patchc::runtime
