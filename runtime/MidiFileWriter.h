#pragma once
// Writes the MIDI messages a patch sent (Server.noteout, makenote, ...: runtime/MidiOutQueue.h) as a Standard MIDI
// File, for `patchc render --midi-out OUT.mid` and a program's `--render --midi-out`.
//
// The file is format 0 (one track) with a metrical division and one tempo chosen so that a tick is exactly one
// frame: ticks per quarter P and microseconds per quarter T with T / P = 10^6 / sampleRate (44100 Hz: P = 22050,
// T = 500000, that is 120 bpm; 48000 Hz: P = 24000, T = 500000). Every message is then at its exact frame, and a
// reader (runtime/MidiFile.h, mido, a sequencer) gets back the frame exactly. A rate with no such pair (not a
// whole number of Hz, or needing P > 32767 or T > 2^24 − 1) is an error, never a rounded time.

#include "runtime/MidiEvent.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace patchc::runtime {

struct FrameTicks {
  int ticksPerQuarter = 0;
  int microsecondsPerQuarter = 0;
};

// The division and tempo that make a tick one frame at `sampleRate`, or nullopt (and `error`) when none exists.
// Among the exact pairs, the one whose tempo is nearest 500000 µs per quarter (120 bpm) without passing it.
std::optional<FrameTicks> frameTicks(double sampleRate, std::string& error);

// The bytes of the file: the tempo at tick 0, `events` in frame order (a stable sort: messages of the same frame
// keep the order they were sent in), and the end of track at the later of `endFrame` and the last message.
// Empty (and `error`) when the sample rate has no exact tempo or an event has a negative frame.
std::vector<uint8_t> encodeMidiFile(std::vector<MidiEvent> events, double sampleRate, int64_t endFrame,
                                    std::string& error);

// Writes the file atomically: into a temporary file beside `path`, renamed over it only when all was written.
// Returns an empty string, or one line saying why nothing was written.
std::string writeMidiFile(const std::string& path, const std::vector<MidiEvent>& events, double sampleRate,
                          int64_t endFrame);

}  // namespace patchc::runtime
