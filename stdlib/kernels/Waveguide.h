// Waveguide(input, freq, dur, minfreq): per-lane state. The delay line follows the struct.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"

namespace patchc::kernel::waveguide {

struct State {
  int length;  // samples in the line
  int writeIndex;
  float lastRead;  // the previous sample read from the line (the loop's two-point average)
  float dcInput;   // the DC blocker's x[n-1] and y[n-1]
  float dcOutput;
  // float line[length] follows.
};

// The lowest frequency the line holds, from `minfreq` (Constant): pyo's default of 20 Hz when not constant,
// at least 1 Hz.
inline float lowestFrequency(float minfreq) {
  if (!(minfreq == minfreq)) return 20.0f;
  return minfreq < 1.0f ? 1.0f : minfreq;
}

// The line holds the longest period plus the taps the 4-point interpolation reads around it.
inline int lineLength(float minfreq, float sampleRate) {
  return static_cast<int>(std::ceil(sampleRate / lowestFrequency(minfreq))) + 4;
}

// minfreq >= 1 Hz and sr <= 768 kHz bound the line, so lineLength fits an int; the size is 64-bit all the same.
inline uint64_t laneBytes(float minfreq, float sampleRate) {
  return patchc::saturatingAdd(sizeof(State),
                               patchc::saturatingMul(sizeof(float), static_cast<uint64_t>(lineLength(minfreq, sampleRate))));
}

}  // namespace patchc::kernel::waveguide
