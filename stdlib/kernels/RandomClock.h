// The clock and the uniform draw of pyo's random control objects (Randi, Randh, RandInt, Choice; the draw also for
// the trigger-driven ones, TrigRand, Beat, ...): a phase in cycles that advances freq/sr a sample and draws a new
// value on the sample where it reaches 1. It starts at 1, so
// the first sample draws (pyo 1.0.4 does: its first sample is already a drawn value). A negative freq runs the
// clock backwards and never draws, as in pyo. Numbers come from a per-lane xorshift32 seeded like Noise's.
#pragma once

#include "stdlib/Kernel.h"

#include <cmath>
#include <cstdint>

namespace patchc::kernel::randomclock {

struct Clock {
  double time;         // in cycles: a draw when it reaches 1
  uint32_t generator;  // xorshift32 state, never 0
};

// The generator's state from the node's seed (per lane, as Noise's), mixed first (MurmurHash3's 32-bit finalizer):
// xorshift32's first numbers from a small seed are small too (seeds 5 and 6 both drew u < 0.001 first), and these
// objects may draw only once a second.
inline uint32_t generatorFromSeed(uint32_t seed) {
  uint32_t h = seed;
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h != 0 ? h : 0x9E3779B9u;
}

inline void start(Clock& clock, uint32_t seed) {
  clock.time = 1.0;
  clock.generator = generatorFromSeed(seed);
}

// One sample: true when this sample draws. `time` is left in [0, 1).
inline bool tick(Clock& clock, float freq, const Env* env) {
  const double next = clock.time + static_cast<double>(freq) / static_cast<double>(env->sampleRate);
  const bool draw = next >= 1.0;
  clock.time = next >= 0.0 && next < 1.0 ? next : next - std::floor(next);
  if (!(clock.time >= 0.0 && clock.time < 1.0)) clock.time = 0.0;  // a non-finite freq
  return draw;
}

// Uniform in [0, 1): the generator's top 24 bits, exact in a float (whiteNoise's float can round up to 1). The
// trigger-driven objects (TrigRand, Percent, Beat, ...) draw from a bare generator without a clock.
inline float uniform(uint32_t& generator) {
  whiteNoise(generator);
  return static_cast<float>(generator >> 8) * (1.0f / 16777216.0f);
}
inline float uniform(Clock& clock) { return uniform(clock.generator); }

// low + (high − low)·u, kept between low and high against rounding (the objects' declared ranges rely on it).
inline float between(float low, float high, float u) {
  const float value = low + (high - low) * u;
  const float lowest = low < high ? low : high, highest = low < high ? high : low;
  return value < lowest ? lowest : (value > highest ? highest : value);
}

}  // namespace patchc::kernel::randomclock
