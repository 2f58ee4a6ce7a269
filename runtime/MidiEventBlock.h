#pragma once
// Where a compiled patch finds the MIDI events of the block it computes (PatchABI::midiEvents): a fixed-capacity
// array in its state, written by the runtime (PatchInstance, from a MidiSource) before each block of
// PatchABI::blockFrames frames and read by the MIDI objects' kernels (stdlib/kernels/MidiEvents.h mirrors this
// layout; tests/unit/runtime/MidiEventBlockTest checks that the two agree).
//
// Each event keeps its absolute frame (frames since the patch started, clamped into the block), so a kernel that
// counts the frames it has computed takes each event exactly at its frame, whether the block is computed in one
// call or in sub-blocks split at callbacks' events (patch_run). Events past the capacity are dropped and counted.

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
  MidiBlockEvent events[kCapacity];
};
static_assert(sizeof(MidiEventBlock) == 16 + 16 * MidiEventBlock::kCapacity);

}  // namespace patchc::runtime
