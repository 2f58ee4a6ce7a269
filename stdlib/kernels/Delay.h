// Delay(input, delay, feedback, maxdelay): per-lane state. The delay line follows the struct.
#pragma once

#include <cmath>
#include <cstddef>

namespace patchc::kernel::delay {

struct State {
  int length;  // samples in the line
  int writeIndex;
  // float line[length] follows.
};

// The longest delay in samples for `maxdelay` seconds; NaN (not constant) gives pyo's default of 1 s.
inline float maxDelaySamples(float maxdelay, float sampleRate) {
  float seconds = maxdelay == maxdelay ? maxdelay : 1.0f;
  float samples = seconds * sampleRate;
  return samples < 1.0f ? 1.0f : samples;
}

// The line holds the longest delay plus the sample interpolation reads past it and the one being written.
inline int lineLength(float maxdelay, float sampleRate) {
  return static_cast<int>(std::ceil(maxDelaySamples(maxdelay, sampleRate))) + 2;
}

inline size_t laneBytes(float maxdelay, float sampleRate) {
  return sizeof(State) + sizeof(float) * static_cast<size_t>(lineLength(maxdelay, sampleRate));
}

}  // namespace patchc::kernel::delay
