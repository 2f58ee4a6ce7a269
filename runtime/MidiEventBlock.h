#pragma once
// Where a compiled patch finds the MIDI events of the block it computes (PatchABI::midiEvents): a fixed-capacity
// array in its state, written by the runtime (PatchInstance, from a MidiSource) before each block of
// PatchABI::blockFrames frames and read by the MIDI objects' kernels (stdlib/kernels/MidiEvents.h mirrors this
// layout; tests/unit/runtime/MidiEventBlockTest checks that the two agree).
//
// Each event keeps its absolute frame (the patch's frame, clamped into the block), so a kernel that counts the
// frames it has computed takes each event exactly at its frame, whether the block is computed in one call or in
// sub-blocks split at callbacks' events (patch_run). Events past the capacity are dropped and counted.
//
// The block also says which process call it belongs to (`serial`) and the frame that call starts at (`start`):
// a kernel sets its frame count to `start` at the first call of a new serial, so its count never drifts from the
// runtime's. That is what lets a MIDI object's state move to another instance (the REPL's hot swap carries a
// held Notein into the next version) or start fresh in the middle of a session: either way its first call takes
// the instance's frame (docs/architecture.md, "One clock").

#include <cstdint>

namespace patchc::runtime {

struct MidiBlockEvent {
  int64_t frame;  // in [block start, block end)
  uint8_t status, data1, data2;
  uint8_t padding[5];
};
static_assert(sizeof(MidiBlockEvent) == 16);

struct MidiEventBlock {
  // The most events one block holds: a dense controller sweep on 16 channels sends about one message per
  // millisecond and channel, 23 per 64 frames at 44.1 kHz.
  static constexpr uint32_t kCapacity = 256;
  uint32_t count;     // events of this block, in frame order
  uint32_t reserved;
  uint64_t dropped;   // events that did not fit, since the patch started
  int64_t start;      // the frame of this process call's first sample
  uint64_t serial;    // this process call's number: never the same twice in a session, never 0 (0: no runtime)
  MidiBlockEvent events[kCapacity];
};
static_assert(sizeof(MidiEventBlock) == 32 + 16 * MidiEventBlock::kCapacity);

}  // namespace patchc::runtime
