#include "stdlib/kernels/PythonRandom.h"

#include <vector>

namespace patchc {
namespace {
constexpr int kN = 624;
constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU;
constexpr uint32_t kUpperMask = 0x80000000U;
constexpr uint32_t kLowerMask = 0x7fffffffU;
}  // namespace

void PythonRandom::initGenrand(uint32_t s) {
  state_[0] = s;
  for (int i = 1; i < kN; ++i)
    state_[i] = 1812433253U * (state_[i - 1] ^ (state_[i - 1] >> 30)) + static_cast<uint32_t>(i);
  index_ = kN;
}

void PythonRandom::seed(uint64_t n) {
  // CPython seeds with the absolute value's 32-bit words, least significant first (at least one word).
  std::vector<uint32_t> key;
  do {
    key.push_back(static_cast<uint32_t>(n & 0xffffffffU));
    n >>= 32;
  } while (n != 0);
  initGenrand(19650218U);
  int i = 1, j = 0;
  const int keyLength = static_cast<int>(key.size());
  for (int k = kN > keyLength ? kN : keyLength; k; --k) {
    state_[i] = (state_[i] ^ ((state_[i - 1] ^ (state_[i - 1] >> 30)) * 1664525U)) + key[j] + static_cast<uint32_t>(j);
    ++i;
    ++j;
    if (i >= kN) {
      state_[0] = state_[kN - 1];
      i = 1;
    }
    if (j >= keyLength) j = 0;
  }
  for (int k = kN - 1; k; --k) {
    state_[i] = (state_[i] ^ ((state_[i - 1] ^ (state_[i - 1] >> 30)) * 1566083941U)) - static_cast<uint32_t>(i);
    ++i;
    if (i >= kN) {
      state_[0] = state_[kN - 1];
      i = 1;
    }
  }
  state_[0] = 0x80000000U;
  index_ = kN;
}

uint32_t PythonRandom::next() {
  if (index_ >= kN) {
    for (int k = 0; k < kN; ++k) {
      uint32_t y = (state_[k] & kUpperMask) | (state_[(k + 1) % kN] & kLowerMask);
      state_[k] = state_[(k + kM) % kN] ^ (y >> 1) ^ ((y & 1U) ? kMatrixA : 0U);
    }
    index_ = 0;
  }
  uint32_t y = state_[index_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= y >> 18;
  return y;
}

double PythonRandom::random() {
  uint32_t a = next() >> 5, b = next() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

uint64_t PythonRandom::getrandbits(int k) {
  if (k <= 32) return next() >> (32 - k);
  // Words fill from the least significant end; the last word keeps only its top bits.
  uint64_t low = next();
  uint64_t high = next() >> (64 - k);
  return low | (high << 32);
}

uint64_t PythonRandom::randbelow(uint64_t n) {
  int k = 0;
  while ((n >> k) != 0 && k < 64) ++k;  // n.bit_length()
  uint64_t r = getrandbits(k);
  while (r >= n) r = getrandbits(k);
  return r;
}

}  // namespace patchc

static_assert(sizeof(patchc::PythonRandom) == 625 * sizeof(uint32_t), "the code generator lays it out as 625 words");

extern "C" double patchc_random_random(void* generator) { return static_cast<patchc::PythonRandom*>(generator)->random(); }

extern "C" int64_t patchc_random_below(void* generator, int64_t n) {
  if (n <= 0) return 0;  // Python raises; a handler cannot, and its compiler checks what it can
  return static_cast<int64_t>(static_cast<patchc::PythonRandom*>(generator)->randbelow(static_cast<uint64_t>(n)));
}
