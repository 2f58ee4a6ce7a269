#pragma once
// The queue through which a patch's audio thread hands what it prints (pyo's `Print`, `print()` in a callback)
// to a thread that may do I/O: one producer (the patch's control code, in `process`), one consumer (the
// runtime's drain), no locks, no allocation. It lives in the patch's state, zeroed by init: a zeroed queue is
// an empty one. Part of the patch ABI (PatchABI::reportQueue): the same struct in the kernels' bitcode and in
// the runtime. When the consumer falls behind, new reports are dropped and counted, never waited for.

#include <atomic>
#include <cstdint>

namespace patchc::runtime {

struct ReportQueue {
  static constexpr uint32_t kCapacity = 256;  // a power of two
  static constexpr int kMaxValues = 8;        // values per report (the compiler refuses more)

  struct Entry {
    int32_t message;  // index of its format (PatchABI::reportFormats)
    int32_t count;    // values used
    int64_t frame;    // when, in frames since the patch started (for ordering and tests)
    double values[kMaxValues];
  };

  std::atomic<uint32_t> written;  // entries pushed, modulo 2^32
  std::atomic<uint32_t> read;     // entries consumed
  std::atomic<uint32_t> dropped;  // pushes refused because the queue was full
  uint32_t reserved;
  Entry entries[kCapacity];

  // Producer side: never blocks.
  bool push(int32_t message, int64_t frame, const double* values, int count) noexcept {
    const uint32_t w = written.load(std::memory_order_relaxed);
    if (w - read.load(std::memory_order_acquire) >= kCapacity) {
      dropped.store(dropped.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      return false;
    }
    Entry& e = entries[w % kCapacity];
    e.message = message;
    e.count = count < kMaxValues ? count : kMaxValues;
    e.frame = frame;
    for (int i = 0; i < e.count; ++i) e.values[i] = values[i];
    written.store(w + 1, std::memory_order_release);
    return true;
  }

  // Consumer side: calls f(entry) for each waiting report, oldest first.
  template <class F>
  void drain(F&& f) noexcept(noexcept(f(entries[0]))) {
    const uint32_t w = written.load(std::memory_order_acquire);
    for (uint32_t r = read.load(std::memory_order_relaxed); r != w; ++r) {
      f(entries[r % kCapacity]);
      read.store(r + 1, std::memory_order_release);
    }
  }
};

}  // namespace patchc::runtime
