// Freeverb(input, size, damp, bal): per-lane state. The comb and allpass lines follow the struct.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"

namespace patchc::kernel::freeverb {

constexpr int kCombCount = 8;
constexpr int kAllpassCount = 4;
// Jezar's tunings in samples at 44.1 kHz.
constexpr int kCombTuning[kCombCount] = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
constexpr int kAllpassTuning[kAllpassCount] = {556, 441, 341, 225};

struct State {
  int combLength[kCombCount];
  int combIndex[kCombCount];
  float combFilter[kCombCount];  // the one-pole lowpass inside each comb's feedback path
  int allpassLength[kAllpassCount];
  int allpassIndex[kAllpassCount];
  // float lines[totalLineLength(sr)] follows: the 8 combs, then the 4 allpasses.
};

// A tuning scaled to the sample rate (at least one sample).
inline int scaledLength(int tuning44100, float sampleRate) {
  int length = static_cast<int>(std::lround(static_cast<double>(tuning44100) * sampleRate / 44100.0));
  return length < 1 ? 1 : length;
}

inline size_t totalLineLength(float sampleRate) {
  size_t total = 0;
  for (int t : kCombTuning) total += static_cast<size_t>(scaledLength(t, sampleRate));
  for (int t : kAllpassTuning) total += static_cast<size_t>(scaledLength(t, sampleRate));
  return total;
}

inline uint64_t laneBytes(float sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), totalLineLength(sampleRate)));
}

}  // namespace patchc::kernel::freeverb
