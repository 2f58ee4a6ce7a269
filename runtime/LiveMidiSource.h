#pragma once
// The live side of MidiSource: a thread that reads a device (MidiInput's reader) pushes messages as they
// arrive; the audio thread takes them at the start of its next block. A message has no frame when it arrives
// (the device's clock is not the audio clock), so each one gets the frame at which the block that takes it
// starts: the previous eventsBefore call's endFrame. It is heard one block's worth of output latency later
// than a message in a file at that frame would be, plus the wait for that block: 0 to one block (e.g. up to
// 5.8 ms at 256 frames and 44100 Hz) plus the reader's polling interval (MidiInput: 1 ms).

#include "runtime/MidiSource.h"
#include "runtime/SpscRingBuffer.h"

namespace patchc::runtime {

struct MidiMessage {
  uint8_t status, data1, data2;
};

class LiveMidiSource final : public MidiSource {
public:
  static constexpr size_t kDefaultCapacity = 4096;  // a second of a dense controller sweep on 16 channels

  explicit LiveMidiSource(size_t capacity = kDefaultCapacity) : ring_(capacity) {}

  // Producer side (one thread): a channel voice message is queued; anything else (system messages, stray
  // data bytes) is ignored and returns false. A full queue drops the message and counts it (dropped()).
  bool push(uint8_t status, uint8_t data1, uint8_t data2) noexcept {
    const int dataBytes = midiDataBytes(status);
    if (dataBytes == 0) return false;
    return ring_.push({status, uint8_t(data1 & 0x7F), uint8_t(dataBytes == 2 ? data2 & 0x7F : 0)});
  }

  // Consumer side (the audio thread): every queued message, up to `max`, stamped with this block's start.
  size_t eventsBefore(int64_t endFrame, MidiEvent* out, size_t max) noexcept override {
    const int64_t start = blockStart_;
    if (endFrame > blockStart_) blockStart_ = endFrame;
    if (endFrame <= start) return 0;  // an empty block: nothing can be before its end
    size_t n = 0;
    MidiMessage m;
    while (n < max && ring_.pop(m)) out[n++] = {start, m.status, m.data1, m.data2};
    return n;
  }

  uint64_t dropped() const { return ring_.dropped(); }
  size_t capacity() const { return ring_.capacity(); }

private:
  SpscRingBuffer<MidiMessage> ring_;
  int64_t blockStart_ = 0;  // touched by the consumer only
};

}  // namespace patchc::runtime
