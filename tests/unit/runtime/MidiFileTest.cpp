// The Standard MIDI File reader on files written byte by byte (SmfWriter.h): times exact in seconds and in
// frames through tempo changes and SMPTE divisions, running status, what is skipped, and malformed files
// (every truncation, absurd lengths, size limits) giving an error with a byte offset, never a crash.
#include "runtime/MidiFile.h"
#include "tests/unit/runtime/SmfWriter.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

namespace patchc::runtime {
namespace {

using test::Bytes;
using test::SmfTrack;
using test::smfFile;

MidiFileResult parse(const Bytes& bytes, const MidiFileLimits& limits = {}) {
  return parseMidiFile(bytes.data(), bytes.size(), limits);
}

MidiFile parseOk(const Bytes& bytes) {
  MidiFileResult result = parse(bytes);
  EXPECT_TRUE(result.ok()) << result.error;
  return result.file;
}

std::vector<int64_t> framesAt(const MidiFile& file, double sampleRate) {
  std::vector<int64_t> frames;
  for (const MidiEvent& e : midiFileEventsAtFrames(file, sampleRate)) frames.push_back(e.frame);
  return frames;
}

std::vector<double> secondsOf(const MidiFile& file) {
  std::vector<double> seconds;
  for (const MidiFileEvent& e : file.events) seconds.push_back(e.seconds);
  return seconds;
}

TEST(MidiFile, VariableLengthNumbersOfOneToFourBytes) {
  EXPECT_EQ(test::variableLength(0), Bytes({0x00}));
  EXPECT_EQ(test::variableLength(0x7F), Bytes({0x7F}));
  EXPECT_EQ(test::variableLength(0x80), Bytes({0x81, 0x00}));
  EXPECT_EQ(test::variableLength(0x3FFF), Bytes({0xFF, 0x7F}));
  EXPECT_EQ(test::variableLength(0x4000), Bytes({0x81, 0x80, 0x00}));
  EXPECT_EQ(test::variableLength(0x0FFFFFFF), Bytes({0xFF, 0xFF, 0xFF, 0x7F}));
  // The reader sums them as delta-times: 0x80 + 0x4000 + 0x0FFFFFFF ticks at 96 per quarter, 120 bpm.
  SmfTrack track;
  track.event(0x80, {0x90, 60, 100}).event(0x4000, {0x80, 60, 0}).event(0x0FFFFFFF, {0x90, 61, 1}).endOfTrack();
  MidiFile file = parseOk(smfFile(0, 96, {track}));
  ASSERT_EQ(file.events.size(), 3u);
  EXPECT_EQ(file.timeDenominator, 96'000'000);
  EXPECT_EQ(file.events[0].timeNumerator, int64_t(0x80) * 500'000);
  EXPECT_EQ(file.events[1].timeNumerator, int64_t(0x80 + 0x4000) * 500'000);
  EXPECT_EQ(file.events[2].timeNumerator, int64_t(0x80 + 0x4000 + 0x0FFFFFFF) * 500'000);
  EXPECT_DOUBLE_EQ(file.events[2].seconds, double(0x80 + 0x4000 + 0x0FFFFFFF) / 192.0);
}

TEST(MidiFile, FormatZeroNotesAtTheirSecondsAndFrames) {
  SmfTrack track;
  track.event(0, {0x90, 60, 100}).event(480, {0x80, 60, 64}).event(240, {0xC3, 5}).event(0, {0xE1, 0x00, 0x40})
      .endOfTrack(480);
  MidiFile file = parseOk(smfFile(0, 480, {track}));
  EXPECT_EQ(file.format, 0);
  EXPECT_EQ(file.trackCount, 1);
  EXPECT_EQ(file.ticksPerQuarter, 480);
  ASSERT_EQ(file.events.size(), 4u);
  EXPECT_EQ(secondsOf(file), std::vector<double>({0.0, 0.5, 0.75, 0.75}));
  EXPECT_EQ(framesAt(file, 44100), std::vector<int64_t>({0, 22050, 33075, 33075}));
  EXPECT_EQ(file.events[2].status, 0xC3);  // program change: one data byte
  EXPECT_EQ(file.events[2].data1, 5);
  EXPECT_EQ(file.events[2].data2, 0);
  EXPECT_EQ(file.events[3].status, 0xE1);
  const MidiEvent bend = midiFileEventsAtFrames(file, 44100)[3];
  EXPECT_EQ(bend.pitchBend(), 8192);
  EXPECT_EQ(bend.channel(), 1);
  EXPECT_DOUBLE_EQ(file.endSeconds, 1.25);  // the end-of-track's time
}

TEST(MidiFile, TempoChangeMidFileGivesExactSecondsAndFrames) {
  // 480 ticks per quarter: 500000 µs per quarter (0.5 s a beat) until tick 960, then 250000 (0.25 s).
  SmfTrack track;
  track.tempo(0, 500'000)
      .event(480, {0x90, 60, 100})   // 0.5 s
      .tempo(480, 250'000)           // tick 960, 1.0 s
      .event(0, {0x80, 60, 0})       // 1.0 s
      .event(480, {0x90, 62, 100})   // 1.25 s
      .event(480, {0x80, 62, 0})     // 1.5 s
      .event(1, {0x90, 64, 1})       // 1.5 + 1/1920 s
      .endOfTrack();
  MidiFile file = parseOk(smfFile(0, 480, {track}));
  ASSERT_EQ(file.events.size(), 5u);
  EXPECT_EQ(file.timeDenominator, 480'000'000);
  EXPECT_EQ(file.events[4].timeNumerator, 960LL * 500'000 + 961LL * 250'000);
  EXPECT_EQ(secondsOf(file), std::vector<double>({0.5, 1.0, 1.25, 1.5, 1.5 + 1.0 / 1920}));
  // 1/1920 s is 22.96875 frames at 44100 Hz, so the last note is at 66150 + 23.
  EXPECT_EQ(framesAt(file, 44100), std::vector<int64_t>({22050, 44100, 55125, 66150, 66173}));
  EXPECT_EQ(framesAt(file, 48000), std::vector<int64_t>({24000, 48000, 60000, 72000, 72025}));
}

TEST(MidiFile, FramesRoundToNearestWithHalvesUp) {
  // Tick t at 480 tpq and 120 bpm is t/960 s = t * 45.9375 frames at 44100 Hz.
  SmfTrack track;
  for (int i = 0; i < 8; ++i) track.event(1, {0x90, uint8_t(60 + i), 100});
  MidiFile file = parseOk(smfFile(0, 480, {track.endOfTrack()}));
  // 45.9375, 91.875, 137.8125, 183.75, 229.6875, 275.625, 321.5625, 367.5 (a half: up).
  EXPECT_EQ(framesAt(file, 44100), std::vector<int64_t>({46, 92, 138, 184, 230, 276, 322, 368}));
  EXPECT_EQ(midiTimeToFrame(1, 2, 1.0), 1);   // 0.5 -> 1
  EXPECT_EQ(midiTimeToFrame(3, 2, 1.0), 2);   // 1.5 -> 2
  EXPECT_EQ(midiTimeToFrame(1, 3, 1.0), 0);
  EXPECT_EQ(midiTimeToFrame(2, 3, 1.0), 1);
  // A sample rate that is not whole goes through long double: the nearest frame still.
  EXPECT_EQ(midiTimeToFrame(1, 1, 44100.4), 44100);
  EXPECT_EQ(midiTimeToFrame(1, 1, 44100.6), 44101);
}

TEST(MidiFile, RunningStatusAcrossMetaAndSysexAndVelocityZeroNoteOn) {
  SmfTrack track;
  track.event(0, {0x90, 60, 100})
      .event(10, {62, 100})            // running status
      .text(0, "a marker")             // a meta event between running-status events
      .event(10, {64, 100})            // still 0x90
      .sysex(0, 0xF0, {0x7E, 0x7F, 0x09, 0x01, 0xF7})
      .event(10, {60, 0})              // note-on with velocity 0, kept as written
      .event(0, {0xB2, 7, 90})
      .event(0, {10, 64})              // running status 0xB2
      .endOfTrack();
  MidiFile file = parseOk(smfFile(0, 96, {track}));
  ASSERT_EQ(file.events.size(), 6u);
  const uint8_t expected[6][3] = {{0x90, 60, 100}, {0x90, 62, 100}, {0x90, 64, 100},
                                  {0x90, 60, 0},   {0xB2, 7, 90},   {0xB2, 10, 64}};
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(file.events[i].status, expected[i][0]) << i;
    EXPECT_EQ(file.events[i].data1, expected[i][1]) << i;
    EXPECT_EQ(file.events[i].data2, expected[i][2]) << i;
  }
  const std::vector<MidiEvent> events = midiFileEventsAtFrames(file, 44100);
  EXPECT_FALSE(events[3].isNoteOn());
  EXPECT_TRUE(events[3].isNoteOff());
  EXPECT_TRUE(events[0].isNoteOn());
}

TEST(MidiFile, MetaSysexAndUnknownChunksAreSkipped) {
  SmfTrack track;
  track.meta(0, 0x03, {'L', 'e', 'a', 'd'})                  // track name
      .meta(0, 0x58, {4, 2, 24, 8})                           // time signature
      .meta(0, 0x59, {0xFE, 0})                               // key signature
      .meta(0, 0x7F, Bytes(200, 0x55))                        // sequencer-specific, a two-byte length
      .sysex(0, 0xF0, Bytes(300, 0x11))                       // long sysex
      .sysex(0, 0xF7, {0xF8})                                 // an escape: a clock byte, not a channel message
      .event(96, {0x91, 70, 80})
      .meta(0, 0x20, {0})                                     // channel prefix
      .endOfTrack();
  Bytes bytes = test::smfHeader(0, 1, 96);
  test::append(bytes, test::chunk("XFIH", Bytes(17, 0xAB)));   // an unknown chunk before the track
  test::append(bytes, test::chunk("MTrk", track.bytes()));
  test::append(bytes, Bytes({0, 0, 0, 0, 1, 2, 3}));          // padding after the last track: ignored
  MidiFile file = parseOk(bytes);
  ASSERT_EQ(file.events.size(), 1u);
  EXPECT_EQ(file.events[0].status, 0x91);
  EXPECT_DOUBLE_EQ(file.events[0].seconds, 0.5);
}

TEST(MidiFile, BytesAfterEndOfTrackInTheChunkAreNotEvents) {
  SmfTrack track;
  track.event(0, {0x90, 60, 100}).endOfTrack(96).event(0, {0x90, 61, 100});
  MidiFile file = parseOk(smfFile(0, 96, {track}));
  ASSERT_EQ(file.events.size(), 1u);
  EXPECT_DOUBLE_EQ(file.endSeconds, 0.5);
}

TEST(MidiFile, FormatOneMergesTracksInTimeThenTrackThenFileOrder) {
  // Track 0 is the tempo map (as usual in format 1); a tempo change in track 2 applies to every track too.
  SmfTrack conductor, melody, bass;
  conductor.tempo(0, 1'000'000).tempo(960, 500'000).endOfTrack();  // 1 s a beat, then 0.5 s from tick 960
  melody.event(0, {0x90, 72, 100}).event(480, {0x80, 72, 0}).event(0, {0x90, 74, 100}).event(960, {0x80, 74, 0})
      .endOfTrack();
  bass.event(0, {0x91, 36, 100}).event(480, {0x81, 36, 0}).tempo(960, 2'000'000).event(480, {0x91, 38, 9})
      .endOfTrack(480);
  MidiFile file = parseOk(smfFile(1, 480, {conductor, melody, bass}));
  EXPECT_EQ(file.format, 1);
  EXPECT_EQ(file.trackCount, 3);
  ASSERT_EQ(file.events.size(), 7u);
  const std::vector<std::pair<uint16_t, uint8_t>> order = {
      {1, 72}, {2, 36},            // tick 0: track 1 before track 2
      {1, 72}, {1, 74}, {2, 36},   // tick 480: track 1's two (file order), then track 2's
      {1, 74},                     // tick 1440
      {2, 38}};                    // tick 1920
  for (size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(file.events[i].track, order[i].first) << i;
    EXPECT_EQ(file.events[i].data1, order[i].second) << i;
  }
  // Ticks 0, 480 (1 s at 1 s a beat), 1440 (2 s at tick 960, then 480 ticks at 0.5 s: 2.5 s; from there 2 s a
  // beat, set by track 2), 1920 (2.5 + 2 = 4.5 s).
  EXPECT_EQ(secondsOf(file), std::vector<double>({0, 0, 1, 1, 1, 2.5, 4.5}));
  EXPECT_EQ(framesAt(file, 44100), std::vector<int64_t>({0, 0, 44100, 44100, 44100, 110250, 198450}));
  EXPECT_DOUBLE_EQ(file.endSeconds, 6.5);  // bass ends at tick 2400
}

TEST(MidiFile, SmpteDivisionsIgnoreTempo) {
  // 25 frames per second, 40 ticks per frame: millisecond ticks.
  SmfTrack ms;
  ms.tempo(0, 250'000).event(1000, {0x90, 60, 100}).event(1, {0x80, 60, 0}).endOfTrack();
  MidiFile file = parseOk(smfFile(0, test::smpteDivision(25, 40), {ms}));
  EXPECT_EQ(file.ticksPerQuarter, 0);
  EXPECT_EQ(file.smpteFormat, 25);
  EXPECT_EQ(file.ticksPerSmpteFrame, 40);
  EXPECT_EQ(secondsOf(file), std::vector<double>({1.0, 1.001}));
  EXPECT_EQ(framesAt(file, 48000), std::vector<int64_t>({48000, 48048}));
  EXPECT_EQ(framesAt(file, 44100), std::vector<int64_t>({44100, 44144}));  // 44144.1

  // 29 is 30 drop-frame: 30000/1001 frames per second. 300 ticks at 10 per frame = 30 frames = 1.001 s.
  SmfTrack dropFrame;
  dropFrame.event(300, {0x90, 60, 100}).endOfTrack();
  MidiFile df = parseOk(smfFile(0, test::smpteDivision(29, 10), {dropFrame}));
  EXPECT_EQ(df.smpteFormat, 29);
  EXPECT_EQ(df.events[0].timeNumerator, 300 * 1001);
  EXPECT_EQ(df.timeDenominator, 300'000);
  EXPECT_EQ(framesAt(df, 48000), std::vector<int64_t>({48048}));

  for (int fps : {24, 30}) {
    SmfTrack oneSecond;
    oneSecond.event(uint32_t(fps * 4), {0x90, 60, 100}).endOfTrack();
    MidiFile f = parseOk(smfFile(0, test::smpteDivision(fps, 4), {oneSecond}));
    EXPECT_EQ(framesAt(f, 44100), std::vector<int64_t>({44100})) << fps;
  }
}

TEST(MidiFile, RefusesFormatTwoAndBadDivisions) {
  SmfTrack track;
  track.event(0, {0x90, 60, 100}).endOfTrack();
  MidiFileResult two = parse(smfFile(2, 96, {track, track}));
  EXPECT_FALSE(two.ok());
  EXPECT_EQ(two.error, "byte 8: format 2 (independent sequences) is not supported; only formats 0 and 1 are");
  EXPECT_EQ(parse(smfFile(3, 96, {track})).error, "byte 8: unknown format 3; only formats 0 and 1 are read");
  EXPECT_EQ(parse(smfFile(0, 0, {track})).error, "byte 12: division of 0 ticks per quarter note");
  EXPECT_EQ(parse(smfFile(0, test::smpteDivision(26, 4), {track})).error,
            "byte 12: SMPTE division with 26 frames per second; the SMPTE formats are 24, 25, 29 and 30");
  EXPECT_EQ(parse(smfFile(0, test::smpteDivision(25, 0), {track})).error,
            "byte 13: SMPTE division with 0 ticks per frame");
}

TEST(MidiFile, MalformedTracksNameTheByteAndTheProblem) {
  auto errorOf = [](SmfTrack track) { return parse(smfFile(0, 96, {track})).error; };
  // The track's bytes start at offset 22 (14 of header chunk, 8 of MTrk chunk header).
  EXPECT_EQ(errorOf(SmfTrack().event(0, {60, 100})),
            "byte 23: data byte 0x3C with no status byte before it (no running status)");
  EXPECT_EQ(errorOf(SmfTrack().event(0, {0x90, 60, 0x80})),
            "byte 25: expected a data byte of status 0x90, found 0x80");
  EXPECT_EQ(errorOf(SmfTrack().event(0, {0xF2, 0, 0})),
            "byte 23: status byte 0xF2 is a system message, which a MIDI file track cannot hold");
  EXPECT_EQ(errorOf(SmfTrack().event(0, {0xF8})),
            "byte 23: status byte 0xF8 is a system message, which a MIDI file track cannot hold");
  EXPECT_EQ(errorOf(SmfTrack().event(0, {}).event(0, {})).substr(0, 8), "byte 23:");
  Bytes fiveByteDelta = {0x81, 0x80, 0x80, 0x80, 0x00, 0x90, 60, 100};
  EXPECT_EQ(parse([&] {
              Bytes b = test::smfHeader(0, 1, 96);
              test::append(b, test::chunk("MTrk", fiveByteDelta));
              return b;
            }()).error,
            "byte 22: a variable-length number longer than 4 bytes");
  EXPECT_EQ(errorOf(SmfTrack().tempo(0, 0)), "byte 23: tempo of 0 microseconds per quarter note");
  EXPECT_EQ(errorOf(SmfTrack().meta(0, 0x51, {7, 0xA1})), "byte 23: tempo event with 2 bytes; it needs 3");
  EXPECT_EQ(errorOf(SmfTrack().event(0, {0x90, 60})), "byte 25: the track chunk ends inside a channel message");
}

TEST(MidiFile, NotAMidiFile) {
  EXPECT_EQ(parse({}).error, "byte 0: the file ends inside its header");
  EXPECT_EQ(parse(Bytes({'R', 'I', 'F', 'F', 0, 0, 0, 0})).error,
            "byte 0: not a Standard MIDI File: it does not start with 'MThd'");
  EXPECT_EQ(parseMidiFile(nullptr, 0).error, "byte 0: the file ends inside its header");
  Bytes shortHeader = test::chunk("MThd", {0, 0, 0, 1});
  EXPECT_EQ(parse(shortHeader).error, "byte 4: the header chunk has 4 bytes; it needs 6");
}

// A file with something of everything: every proper prefix of it is an error (never a crash or a read past
// the end: AddressSanitizer checks that in the sanitized build), and the error's offset is inside the prefix.
TEST(MidiFile, EveryTruncationIsAnErrorAtAnOffsetInsideIt) {
  SmfTrack conductor, notes;
  conductor.text(0, "tempo map").tempo(0, 600'000).tempo(0x4000, 400'000).endOfTrack();
  notes.event(0, {0x90, 60, 100}).event(0x81, {62, 90}).sysex(0, 0xF0, {1, 2, 3, 0xF7}).event(0, {0xE0, 0, 64})
      .event(0x200000, {0xC0, 3}).endOfTrack(5);
  Bytes full = smfFile(1, 480, {conductor, notes});
  ASSERT_TRUE(parse(full).ok());
  for (size_t length = 0; length < full.size(); ++length) {
    // A copy of exactly `length` bytes on the heap, so reading past it is a heap overflow ASan reports.
    std::unique_ptr<uint8_t[]> prefix(new uint8_t[length + 1]);
    std::copy(full.begin(), full.begin() + length, prefix.get());
    MidiFileResult result = parseMidiFile(prefix.get(), length);
    ASSERT_FALSE(result.ok()) << "a prefix of " << length << " bytes was read as a whole file";
    ASSERT_EQ(result.error.rfind("byte ", 0), 0u) << result.error;
    EXPECT_LE(std::stoul(result.error.substr(5)), length) << result.error;
    EXPECT_TRUE(result.file.events.empty());
  }
}

TEST(MidiFile, LengthsBeyondTheFileAreRefusedBeforeAnyAllocation) {
  SmfTrack track;
  track.event(0, {0x90, 60, 100}).endOfTrack();
  // A track chunk claiming 2^31 bytes.
  Bytes bytes = test::smfHeader(0, 1, 96);
  test::append(bytes, test::chunk("MTrk", track.bytes(), int64_t(1) << 31));
  EXPECT_EQ(parse(bytes).error, "byte 18: the 'MTrk' chunk claims 2147483648 bytes but the file has 8 left");
  // A header chunk claiming 2^32 - 1.
  Bytes header = test::chunk("MThd", {0, 0, 0, 1, 0, 96}, 0xFFFFFFFF);
  EXPECT_EQ(parse(header).error, "byte 4: the 'MThd' chunk claims 4294967295 bytes but the file has 6 left");
  // An unknown chunk claiming 2^31.
  Bytes unknown = test::smfHeader(0, 1, 96);
  test::append(unknown, test::chunk("JUNK", {1, 2, 3}, int64_t(1) << 31));
  EXPECT_EQ(parse(unknown).error, "byte 18: the 'JUNK' chunk claims 2147483648 bytes but the file has 3 left");
  // A chunk type that is not text is shown escaped.
  Bytes binary = test::smfHeader(0, 1, 96);
  test::append(binary, test::chunk(std::string("M\0\n\\", 4), {1, 2}, 100));
  EXPECT_EQ(parse(binary).error, "byte 18: the 'M\\x00\\x0A\\x5C' chunk claims 100 bytes but the file has 2 left");
  // Meta and sysex events claiming the largest variable-length number, 2^28 - 1.
  EXPECT_EQ(parse(smfFile(0, 96, {SmfTrack().event(0, {0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0x7F})})).error,
            "byte 23: meta event 0x01 claims 268435455 bytes but the track chunk has 0 left");
  EXPECT_EQ(parse(smfFile(0, 96, {SmfTrack().event(0, {0xF0, 0xFF, 0xFF, 0xFF, 0x7F, 0xF7})})).error,
            "byte 23: sysex event claims 268435455 bytes but the track chunk has 1 left");
  // A header announcing more tracks than the file holds.
  Bytes missing = test::smfHeader(1, 3, 96);
  test::append(missing, test::chunk("MTrk", track.bytes()));
  EXPECT_EQ(parse(missing).error,
            "byte " + std::to_string(missing.size()) + ": the file ends after 1 of the 3 tracks its header announces");
}

TEST(MidiFile, SizeLimits) {
  SmfTrack track;
  for (int i = 0; i < 10; ++i) track.event(1, {0x90, 60, 100});
  Bytes bytes = smfFile(0, 96, {track.endOfTrack()});
  MidiFileLimits small;
  small.fileBytes = 20;
  EXPECT_EQ(parse(bytes, small).error,
            "byte 0: the file has " + std::to_string(bytes.size()) + " bytes, more than the reader's limit of 20");
  MidiFileLimits fewEvents;
  fewEvents.channelEvents = 9;
  EXPECT_EQ(parse(bytes, fewEvents).error, "byte 59: more than 9 channel events (the reader's limit)");
  fewEvents.channelEvents = 10;
  EXPECT_TRUE(parse(bytes, fewEvents).ok());
}

class MidiFileOnDisk : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("patchc-midi-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(MidiFileOnDisk, ReadsAFileAndNamesItInErrors) {
  SmfTrack track;
  track.event(480, {0x90, 60, 100}).endOfTrack();
  const Bytes bytes = smfFile(0, 480, {track});
  const std::string good = (dir_ / "good.mid").string();
  std::ofstream(good, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  MidiFileResult result = readMidiFile(good);
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.file.events.size(), 1u);
  EXPECT_EQ(result.file.events[0].seconds, 0.5);

  const std::string broken = (dir_ / "broken.mid").string();
  std::ofstream(broken, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), 20);
  EXPECT_EQ(readMidiFile(broken).error,
            "cannot read MIDI file '" + broken + "': byte 20: the file ends inside a chunk header (6 of its 8 bytes)");
  const std::string missing = (dir_ / "missing.mid").string();
  EXPECT_EQ(readMidiFile(missing).error, "cannot read MIDI file '" + missing + "': No such file or directory");
  EXPECT_EQ(readMidiFile(dir_.string()).error, "cannot read MIDI file '" + dir_.string() + "': it is a directory");
}

TEST_F(MidiFileOnDisk, AFileOfHundredsOfMegabytesIsRefusedBeforeReading) {
  // A sparse 300 MB file: refused from its size, without reading or allocating it.
  const std::string huge = (dir_ / "huge.mid").string();
  { std::ofstream(huge, std::ios::binary) << "MThd"; }
  std::filesystem::resize_file(huge, 300ull << 20);
  EXPECT_EQ(readMidiFile(huge).error, "cannot read MIDI file '" + huge + "': the file has 314572800 bytes, more "
                                      "than the reader's limit of 67108864");
}

// The committed fixture (tests/midi/make-fixtures.py), at the frames its README lists.
TEST(MidiFile, TheNotesAndControlsFixtureAtItsDocumentedFrames) {
  MidiFileResult result = readMidiFile(PATCHC_SOURCE_DIR "/tests/midi/notes-and-controls.mid");
  ASSERT_TRUE(result.ok()) << result.error;
  const MidiFile& file = result.file;
  EXPECT_EQ(file.format, 1);
  EXPECT_EQ(file.trackCount, 3);
  EXPECT_DOUBLE_EQ(file.endSeconds, 2.8);
  EXPECT_EQ(framesAt(file, 44100),
            std::vector<int64_t>({0, 0, 0, 5513, 11025, 11025, 16538, 22050, 22050, 22050, 27563, 33075, 33075,
                                  38588, 44100, 44100, 44100, 55125, 66150, 77175, 88200, 105840, 123480}));
  EXPECT_EQ(framesAt(file, 48000),
            std::vector<int64_t>({0, 0, 0, 6000, 12000, 12000, 18000, 24000, 24000, 24000, 30000, 36000, 36000,
                                  42000, 48000, 48000, 48000, 60000, 72000, 84000, 96000, 115200, 134400}));
  const std::vector<MidiEvent> events = midiFileEventsAtFrames(file, 44100);
  int noteOns = 0, noteOffs = 0;
  for (const MidiEvent& e : events) {
    noteOns += e.isNoteOn();
    noteOffs += e.isNoteOff();
  }
  EXPECT_EQ(noteOns, 4);
  EXPECT_EQ(noteOffs, 4);
  EXPECT_EQ(events[16].pitchBend(), 16383);
  EXPECT_EQ(events[19], (MidiEvent{77175, 0xD0, 90, 0}));
}

// Random corruptions of a valid file: each parses or gives an error, never crashes or reads out of bounds.
TEST(MidiFile, CorruptedFilesNeverCrash) {
  SmfTrack conductor, notes;
  conductor.tempo(0, 600'000).tempo(100, 400'000).endOfTrack();
  notes.event(0, {0x90, 60, 100}).event(10, {62, 90}).sysex(0, 0xF0, {1, 2, 3, 0xF7}).event(0, {0xE0, 0, 64})
      .text(3, "hello").event(7, {0xC0, 3}).event(1, {0xB0, 7, 100}).endOfTrack(5);
  const Bytes full = smfFile(1, 480, {conductor, notes});
  std::mt19937 random(20261130);
  int parsed = 0;
  for (int round = 0; round < 20000; ++round) {
    Bytes bytes = full;
    const int changes = 1 + int(random() % 4);
    for (int i = 0; i < changes; ++i) bytes[random() % bytes.size()] = uint8_t(random());
    bytes.resize(bytes.size() - random() % 4);
    std::unique_ptr<uint8_t[]> copy(new uint8_t[bytes.size()]);
    std::copy(bytes.begin(), bytes.end(), copy.get());
    MidiFileResult result = parseMidiFile(copy.get(), bytes.size());
    if (result.ok()) {
      ++parsed;
      for (size_t i = 1; i < result.file.events.size(); ++i)
        ASSERT_LE(result.file.events[i - 1].timeNumerator, result.file.events[i].timeNumerator);
    } else {
      ASSERT_EQ(result.error.rfind("byte ", 0), 0u) << result.error;
    }
  }
  EXPECT_GT(parsed, 0);  // some corruptions only change a note or a time: the test saw both outcomes
  EXPECT_LT(parsed, 20000);
}

}  // namespace
}  // namespace patchc::runtime
