// WGVerb(input, feedback, cutoff, bal): per-lane state. The 8 delay lines follow the struct.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"
#include <cstdint>

namespace patchc::kernel::wgverb {

constexpr int kLineCount = 8;
// Line lengths in samples at 44.1 kHz (43 to 91 ms, primes spread about evenly in log), and the rates in Hz of
// their random delay modulation.
constexpr int kLineTuning[kLineCount] = {1949, 2161, 2411, 2687, 2971, 3299, 3637, 4021};
constexpr float kModulationRate[kLineCount] = {2.1f, 1.3f, 2.9f, 0.9f, 1.7f, 2.5f, 1.1f, 3.3f};
constexpr float kModulationDepthSeconds = 0.001f;  // the delays move by up to ±1 ms

struct Modulation {
  float value;    // in [-1, 1]: the delay's offset in units of the depth
  float step;     // per-sample change towards the next random target
  int remaining;  // samples left in the current segment
};

struct State {
  uint32_t generator;  // xorshift32 for the modulation targets, seeded per lane
  int length[kLineCount];
  int writeIndex[kLineCount];
  float delay[kLineCount];    // nominal delay in samples
  float lowpass[kLineCount];  // each line's one-pole lowpass memory
  Modulation modulation[kLineCount];
  // float lines[totalLineLength(sr)] follows.
};

inline float nominalDelay(int line, float sampleRate) {
  return static_cast<float>(kLineTuning[line]) * sampleRate / 44100.0f;
}

inline float depthSamples(float sampleRate) { return kModulationDepthSeconds * sampleRate; }

// A line holds its longest modulated delay plus the samples the linear interpolation reads.
inline int lineLength(int line, float sampleRate) {
  return static_cast<int>(std::ceil(nominalDelay(line, sampleRate) + depthSamples(sampleRate))) + 3;
}

inline size_t totalLineLength(float sampleRate) {
  size_t total = 0;
  for (int k = 0; k < kLineCount; ++k) total += static_cast<size_t>(lineLength(k, sampleRate));
  return total;
}

inline uint64_t laneBytes(float sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), totalLineLength(sampleRate)));
}

}  // namespace patchc::kernel::wgverb
