#pragma once
// What the audio thread reads MIDI from, the same way for a file (`--midi FILE.mid`, MidiFileSource) and for a
// live device (MidiInput's LiveMidiSource): each block, it asks for the events before the block's end frame.

#include "runtime/MidiEvent.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace patchc::runtime {

class MidiSource {
public:
  virtual ~MidiSource() = default;
  // Copies to `out` the events with frame < endFrame not taken yet, at most `max` of them, oldest first, and
  // returns how many; the rest stay for the next call. Called from the audio thread with non-decreasing
  // endFrame: implementations do not allocate, lock or do I/O here.
  virtual size_t eventsBefore(int64_t endFrame, MidiEvent* out, size_t max) noexcept = 0;
};

// A MIDI file's events, all known before the render starts: deterministic, the same frames every run.
class MidiFileSource final : public MidiSource {
public:
  // `events` in non-decreasing frame order (midiFileEventsAtFrames gives them so).
  explicit MidiFileSource(std::vector<MidiEvent> events) : events_(std::move(events)) {}

  size_t eventsBefore(int64_t endFrame, MidiEvent* out, size_t max) noexcept override {
    size_t n = 0;
    while (n < max && next_ < events_.size() && events_[next_].frame < endFrame) out[n++] = events_[next_++];
    return n;
  }
  void rewind() { next_ = 0; }
  size_t remaining() const { return events_.size() - next_; }
  const std::vector<MidiEvent>& events() const { return events_; }

private:
  std::vector<MidiEvent> events_;
  size_t next_ = 0;
};

}  // namespace patchc::runtime
