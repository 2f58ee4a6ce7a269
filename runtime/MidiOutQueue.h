#pragma once
// The queue through which a patch's handlers send MIDI (pyo's Server.noteout, makenote, ctlout, bendout,
// afterout, pressout, programout) to a thread that may do I/O: one producer (the patch's control code, in
// `process`), one consumer (the offline render's collector or the live MidiOutput's sender thread), no locks, no
// allocation. Like ReportQueue it lives in the patch's state, zeroed by init (a zeroed queue is an empty one), and
// is part of the patch ABI (PatchABI::midiOut): the code generator writes entries with the same layout.
//
// Each entry is one channel message stamped with its exact frame: the frame of the handler's event plus the
// call's timestamp (or makenote's duration) in frames. An entry may therefore lie in the future; its consumer
// orders what it took by frame (a stable order: equal frames keep the order they were sent in). When the consumer
// falls behind, new messages are dropped and counted, never waited for.

#include "runtime/MidiEventBlock.h"

#include <atomic>
#include <cstdint>

namespace patchc::runtime {

struct MidiOutQueue {
  // A power of two. A Pattern at 1 ms sending 16 messages a call fills 1024 in 64 ms; the offline collector
  // drains after every chunk of at most 8192 frames and the live sender every millisecond.
  static constexpr uint32_t kCapacity = 1024;

  std::atomic<uint32_t> written;  // entries pushed, modulo 2^32
  std::atomic<uint32_t> read;     // entries consumed
  std::atomic<uint32_t> dropped;  // pushes refused because the queue was full
  uint32_t reserved;
  MidiBlockEvent entries[kCapacity];  // frame (absolute, from the patch's start), status, data1, data2

  // Producer side (what the generated code does inline): never blocks.
  bool push(int64_t frame, uint8_t status, uint8_t data1, uint8_t data2) noexcept {
    const uint32_t w = written.load(std::memory_order_relaxed);
    if (w - read.load(std::memory_order_acquire) >= kCapacity) {
      dropped.store(dropped.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      return false;
    }
    MidiBlockEvent& e = entries[w % kCapacity];
    e.frame = frame;
    e.status = status;
    e.data1 = data1;
    e.data2 = data2;
    written.store(w + 1, std::memory_order_release);
    return true;
  }

  // Consumer side: calls f(entry) for each waiting message, oldest first.
  template <class F>
  void drain(F&& f) noexcept(noexcept(f(entries[0]))) {
    const uint32_t w = written.load(std::memory_order_acquire);
    for (uint32_t r = read.load(std::memory_order_relaxed); r != w; ++r) {
      f(entries[r % kCapacity]);
      read.store(r + 1, std::memory_order_release);
    }
  }
};
static_assert(sizeof(MidiOutQueue) == 16 + 16 * MidiOutQueue::kCapacity);

}  // namespace patchc::runtime
