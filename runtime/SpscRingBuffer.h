#pragma once
// A lock-free ring buffer for one producer thread and one consumer thread: the capacity is fixed when it is
// made (the only allocation); push and pop never allocate, lock or wait. A push into a full buffer is
// refused and counted: the newest element is the one dropped, so what did arrive keeps its order.
// Live MIDI input uses it between PortMidi's reader thread (producer) and the audio thread (consumer).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace patchc::runtime {

template <class T>
class SpscRingBuffer {
public:
  explicit SpscRingBuffer(size_t capacity) : capacity_(capacity < 1 ? 1 : capacity), slots_(new T[capacity_]) {}
  SpscRingBuffer(const SpscRingBuffer&) = delete;
  SpscRingBuffer& operator=(const SpscRingBuffer&) = delete;

  // Producer side. False (and one more drop counted) when the buffer is full.
  bool push(const T& value) noexcept {
    const uint64_t w = written_.load(std::memory_order_relaxed);
    if (w - read_.load(std::memory_order_acquire) >= capacity_) {
      dropped_.store(dropped_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      return false;
    }
    slots_[w % capacity_] = value;
    written_.store(w + 1, std::memory_order_release);  // publishes the slot to the consumer
    return true;
  }

  // Consumer side. False when empty.
  bool pop(T& value) noexcept {
    const uint64_t r = read_.load(std::memory_order_relaxed);
    if (r == written_.load(std::memory_order_acquire)) return false;
    value = slots_[r % capacity_];
    read_.store(r + 1, std::memory_order_release);  // gives the slot back to the producer
    return true;
  }

  size_t capacity() const { return capacity_; }
  // Elements waiting; exact from either side when the other is idle, a snapshot otherwise.
  size_t size() const {
    return size_t(written_.load(std::memory_order_acquire) - read_.load(std::memory_order_acquire));
  }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

private:
  const size_t capacity_;
  std::unique_ptr<T[]> slots_;
  // 64-bit counts never wrap in practice; each on its own cache line so the two threads do not share one.
  alignas(64) std::atomic<uint64_t> written_{0};
  alignas(64) std::atomic<uint64_t> read_{0};
  alignas(64) std::atomic<uint64_t> dropped_{0};
};

}  // namespace patchc::runtime
