// The MIDI events a MIDI object's kernel reads (Notein, Midictl, Bendin, Touchin, and the scanner behind CtlScan,
// CtlScan2 and RawMidi). The runtime writes the current block's events into the patch's state before the block
// (runtime/MidiEventBlock.h, whose layout this mirrors: tests/unit/runtime/MidiEventBlockTest); the code generator
// passes its address to the object's hidden input `midi` (declare::midiEvents, InputSpec::midi).
//
// Each event has its absolute frame. A kernel keeps the frame it is at (`Clock`, set to the block's start at its
// first call in each block) and, in each call of n frames, takes the events with frame in [at, at + n) at their
// own sample, so an event lands on its frame whether the block is computed in one call or in sub-blocks split at
// callbacks' events.
#pragma once

#include "stdlib/Kernel.h"

#include <cstdint>

namespace patchc::kernel::midi {

struct Event {
  int64_t frame;
  uint8_t status, data1, data2;
  uint8_t padding[5];
};

struct Block {
  uint32_t count;
  uint32_t reserved;
  uint64_t dropped;
  int64_t start;    // the frame of this process call's first sample
  uint64_t serial;  // which process call (0: a harness that writes none)
  Event events[1];  // `count` of them (runtime::MidiEventBlock::kCapacity at most)
};

// The stride the code generator passes with the block's address: an input given anything else (a harness's
// number, stride 0) holds no events, so nothing reads a number as a block.
inline constexpr int kBlockStride = 0x4D494449;  // "MIDI"

// The block behind a `midi` input, or null when the input is not one.
inline const Block* block(const In& input) {
  return input.stride == kBlockStride ? reinterpret_cast<const Block*>(input.p) : nullptr;
}

// A kernel's position in the patch's frames; the first member of the MIDI objects' states. `serial` is the block
// it was last set from: at the first call of another block the frame is the block's start, so a state carried
// from another instance (a hot swap) or made mid-session follows the frames the runtime stamps.
struct Clock {
  int64_t frame;
  uint64_t serial;
};

// Calls take(event, i), i the event's sample in this call, for each event of the block in [frame, frame + n), in
// order, then advances the clock by n.
template <typename Take>
inline void eachEvent(Clock& clock, const In& input, int n, Take take) {
  const Block* b = block(input);
  if (b && b->serial != clock.serial) {
    clock.serial = b->serial;
    clock.frame = b->start;
  }
  const uint32_t count = b ? b->count : 0;
  const int64_t first = clock.frame;
  for (uint32_t k = 0; k < count; ++k) {
    const Event& e = b->events[k];
    const int64_t at = e.frame - first;
    if (at >= 0 && at < n) take(e, static_cast<int>(at));
  }
  clock.frame = first + n;
}

// pyo's channel test: channel 0 takes every channel, 1-16 only that one.
inline bool onChannel(const Event& e, int channel) { return channel <= 0 || (e.status & 0x0F) == channel - 1; }

}  // namespace patchc::kernel::midi
