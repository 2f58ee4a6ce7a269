#pragma once
// One MidiSource read by several instances: the REPL's LivePatch renders two versions of the patch during a
// crossfade, and both must hear the same events, while a source gives each event once (a file's cursor, a
// device's queue). The feed reads its source once, into a fixed ring, and each version reads the ring through
// its own Reader (a MidiSource) with a cursor of its own. The feed also reads the source when no version does
// (pump), so that a version with MIDI objects made later starts from the events of its own time, not from what
// piled up before it.
//
// Everything here runs on the audio thread (or on the control thread while nothing renders): no allocation
// after construction, no lock. Frames are the session's (LivePatch's clock, PatchInstance::continueClock).

#include "runtime/MidiSource.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace patchc::runtime {

class MidiFeed {
public:
  // Events held for the readers: far more than lie between two versions a block apart (at most
  // MidiEventBlock::kCapacity per block are used), so a reader loses none unless the source floods it.
  static constexpr size_t kCapacity = 4096;

  MidiFeed() : ring_(kCapacity) {}
  MidiFeed(const MidiFeed&) = delete;
  MidiFeed& operator=(const MidiFeed&) = delete;

  // Where the events come from; null: none (the readers get nothing). Set while nothing renders, or from the
  // control side at any time: the audio thread reads the pointer once per call.
  void setSource(MidiSource* source) noexcept { source_.store(source, std::memory_order_release); }
  MidiSource* source() const noexcept { return source_.load(std::memory_order_acquire); }

  // Reads the source's events with frame < endFrame, once: a later call with an end no later does nothing.
  void pump(int64_t endFrame) noexcept {
    if (endFrame <= readUpTo_) return;
    readUpTo_ = endFrame;
    MidiSource* source = source_.load(std::memory_order_acquire);
    if (!source) return;
    MidiEvent taken[64];
    for (;;) {
      const size_t n = source->eventsBefore(endFrame, taken, std::size(taken));
      for (size_t k = 0; k < n; ++k) {
        if (written_ - oldest_ == kCapacity) {
          ++oldest_;  // overwritten before every reader took it
          ++overwritten_;
        }
        ring_[size_t(written_ % kCapacity)] = taken[k];
        ++written_;
      }
      ++sourceCalls_;
      if (n < std::size(taken)) break;
    }
  }

  // What one instance reads: the feed's events from where it started, each once.
  class Reader final : public MidiSource {
  public:
    explicit Reader(MidiFeed& feed) : feed_(feed) {}
    // This reader's next event is the first held with frame >= `frame` (a version taking over at that frame:
    // what came before was the previous version's).
    void startAt(int64_t frame) noexcept {
      next_ = feed_.oldest_;
      while (next_ < feed_.written_ && feed_.at(next_).frame < frame) ++next_;
    }
    size_t eventsBefore(int64_t endFrame, MidiEvent* out, size_t max) noexcept override {
      feed_.pump(endFrame);
      if (next_ < feed_.oldest_) next_ = feed_.oldest_;
      size_t n = 0;
      while (n < max && next_ < feed_.written_ && feed_.at(next_).frame < endFrame) out[n++] = feed_.at(next_++);
      return n;
    }

  private:
    MidiFeed& feed_;
    uint64_t next_ = 0;  // index of the next event, counted over all the feed ever held
  };

  // For tests and reports: how often the source was asked, what it gave, what no reader took in time.
  uint64_t sourceCalls() const { return sourceCalls_; }
  uint64_t eventsRead() const { return written_; }
  uint64_t overwritten() const { return overwritten_; }
  int64_t readUpTo() const { return readUpTo_; }

private:
  const MidiEvent& at(uint64_t index) const { return ring_[size_t(index % kCapacity)]; }

  std::atomic<MidiSource*> source_{nullptr};
  std::vector<MidiEvent> ring_;
  uint64_t oldest_ = 0, written_ = 0;  // the ring holds events [oldest_, written_)
  int64_t readUpTo_ = 0;               // the source was asked for every event before this frame
  uint64_t overwritten_ = 0;
  uint64_t sourceCalls_ = 0;
};

}  // namespace patchc::runtime
