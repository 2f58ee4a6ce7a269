#pragma once
// Subnormal floats cost ~100x per operation on x86; filters and feedback decaying towards zero produce them.
// ScopedFlushDenormals turns on flush-to-zero (FTZ: subnormal results become 0) and denormals-are-zero (DAZ:
// subnormal inputs read as 0) for the current thread and restores the previous mode when it goes out of scope.
// The audio callback and the offline renderer both run the patch inside one, so live and offline agree bit for bit.

#if defined(__x86_64__) || defined(_M_X64) || defined(__SSE2__)
#include <xmmintrin.h>
#define PATCHC_DENORMALS_X86 1
#elif defined(__aarch64__)
#include <cstdint>
#define PATCHC_DENORMALS_AARCH64 1
#endif

namespace patchc::runtime {

class ScopedFlushDenormals {
public:
#if PATCHC_DENORMALS_X86
  static constexpr unsigned kFlushToZero = 0x8000;      // MXCSR.FTZ
  static constexpr unsigned kDenormalsAreZero = 0x0040; // MXCSR.DAZ
  ScopedFlushDenormals() noexcept : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | kFlushToZero | kDenormalsAreZero); }
  ~ScopedFlushDenormals() { _mm_setcsr(saved_); }
#elif PATCHC_DENORMALS_AARCH64
  // FPCR.FZ (bit 24) flushes both inputs and outputs on AArch64.
  ScopedFlushDenormals() noexcept {
    asm volatile("mrs %0, fpcr" : "=r"(saved_));
    uint64_t flushing = saved_ | (uint64_t{1} << 24);
    asm volatile("msr fpcr, %0" : : "r"(flushing));
  }
  ~ScopedFlushDenormals() { asm volatile("msr fpcr, %0" : : "r"(saved_)); }
#else
  ScopedFlushDenormals() noexcept {}  // no known control register: leave the mode alone
#endif

  ScopedFlushDenormals(const ScopedFlushDenormals&) = delete;
  ScopedFlushDenormals& operator=(const ScopedFlushDenormals&) = delete;

private:
#if PATCHC_DENORMALS_X86
  unsigned saved_;
#elif PATCHC_DENORMALS_AARCH64
  uint64_t saved_;
#endif
};

}  // namespace patchc::runtime
