#pragma once
// A Standard MIDI File reader (SMF 1.0, formats 0 and 1) for rendering a MIDI-driven patch offline from
// `--midi FILE.mid`: every channel voice message of every track, merged in time order, each with its exact
// time. The tempo map (meta event 0x51, in any track, at any time) applies to all tracks, as format 1 says.
// Format 2 (independent sequences, no common timeline) is refused.
//
// What the reader keeps and skips:
// - channel voice messages (0x80-0xEF), running status included; a note-on with velocity 0 stays a note-on;
// - meta events: tempo builds the tempo map, end of track ends the track, all others are skipped;
// - sysex (F0) and escaped (F7) events are skipped; running status survives them and meta events (the spec
//   says they cancel it, but files rely on it and a data byte there has no other reading);
// - chunks other than MThd/MTrk are skipped; whatever follows the header's count of tracks is ignored.
// Malformed input is an error naming the byte offset and what was wrong, never a read out of bounds. Sizes
// are checked before anything is allocated for them (MidiFileLimits).

#include "runtime/MidiEvent.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace patchc::runtime {

// Bounds on what reading one file may cost. Real MIDI files are kilobytes to a few megabytes.
struct MidiFileLimits {
  uint64_t fileBytes = 64ull << 20;   // the whole file, checked before it is read
  uint64_t channelEvents = 8'000'000;  // channel messages kept, all tracks together (24 bytes each)
};

// One channel message of the file. Its time is exactly `timeNumerator / MidiFile::timeDenominator` seconds;
// `seconds` is that quotient as a double.
struct MidiFileEvent {
  int64_t timeNumerator;
  double seconds;
  uint16_t track;  // index of its MTrk chunk, from 0
  uint8_t status, data1, data2;
};

struct MidiFile {
  int format = 0;            // 0 or 1
  int trackCount = 0;        // MTrk chunks read (the header's count)
  int ticksPerQuarter = 0;   // metrical division; 0 when the division is SMPTE
  int smpteFormat = 0;       // 24, 25, 29 (30 drop-frame, read as 30000/1001 frames per second) or 30; 0 if metrical
  int ticksPerSmpteFrame = 0;
  // The common denominator of every time in the file: ticksPerQuarter * 10^6 for metrical files (tempos are
  // in microseconds per quarter note), frames per second * ticks per frame for SMPTE (times 30000 for 29).
  int64_t timeDenominator = 1;
  std::vector<MidiFileEvent> events;  // time order; equal times keep track order, then file order
  int64_t endNumerator = 0;           // the file's end: the latest end-of-track (or last event) of any track
  double endSeconds = 0;
};

struct MidiFileResult {
  MidiFile file;
  std::string error;  // empty on success; else one line, "byte N: what was wrong" (readMidiFile adds the path)
  bool ok() const { return error.empty(); }
};

// Parses a whole file held in memory.
MidiFileResult parseMidiFile(const uint8_t* data, size_t size, const MidiFileLimits& limits = {});

// Reads and parses a file. Errors read "cannot read MIDI file 'PATH': REASON".
MidiFileResult readMidiFile(const std::string& path, const MidiFileLimits& limits = {});

// The frame of a time numerator at a sample rate: the nearest frame to numerator / denominator * sampleRate,
// halves rounded up (exact integer arithmetic when the sample rate is a whole number, as it always is in
// practice). Event times in samples are therefore exact and the same on every machine.
int64_t midiTimeToFrame(int64_t timeNumerator, int64_t timeDenominator, double sampleRate);

// The file's channel events as MidiEvents at a sample rate, in time order (MidiFileSource plays them).
std::vector<MidiEvent> midiFileEventsAtFrames(const MidiFile& file, double sampleRate);

}  // namespace patchc::runtime
