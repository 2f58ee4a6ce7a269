// Sizes of state in 64 bits that saturate instead of wrapping (issue 7: `Delay(maxdelay=1e5)` wrapped an int to
// 18446744065119617664 bytes). A saturated size is UINT64_MAX, which every limit refuses. Used by the kernels'
// laneBytes, the registry, the state-size check and codegen's layout, so all of them compute the same number.
#pragma once

#include <cstdint>

namespace patchc {

inline constexpr uint64_t kSaturatedSize = UINT64_MAX;

inline uint64_t saturatingAdd(uint64_t a, uint64_t b) {
  uint64_t sum;
  return __builtin_add_overflow(a, b, &sum) ? kSaturatedSize : sum;
}

inline uint64_t saturatingMul(uint64_t a, uint64_t b) {
  uint64_t product;
  return __builtin_mul_overflow(a, b, &product) ? kSaturatedSize : product;
}

// `value` rounded up to a multiple of `alignment` (a power of two or any positive number), saturating.
inline uint64_t saturatingAlignUp(uint64_t value, uint64_t alignment) {
  uint64_t padded = saturatingAdd(value, alignment - 1);
  return padded == kSaturatedSize ? kSaturatedSize : padded / alignment * alignment;
}

// A count of things (samples, stages) from a double: rounded up, at least 0, saturating for huge values and
// infinity; NaN counts as 0 (callers give NaN its meaning first).
inline uint64_t saturatingCount(double value) {
  if (!(value > 0)) return 0;
  if (value >= 18446744073709551615.0) return kSaturatedSize;
  uint64_t whole = static_cast<uint64_t>(value);
  return static_cast<double>(whole) < value ? whole + 1 : whole;
}

}  // namespace patchc
