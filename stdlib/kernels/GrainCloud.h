// What Particle and Particle2 share: pyo's particle scheduler. A timer starts a grain `dens` times a second (its
// step scaled by a random deviation drawn at each start), in the first free one of 4096 slots; a grain reads
// dur·sr·pitch·srScale samples of the table from `pos`, shaped by the envelope table, over dur seconds. A grain
// that would read past the table's end is dropped (its slot stays free). Float where pyo computes in float (the
// grain's phase and its step, the timer's step), so grains start and end on pyo's samples.
#pragma once

#include "stdlib/Kernel.h"
#include "stdlib/kernels/RandomClock.h"
#include "stdlib/kernels/TableReading.h"

#include <cstdint>

namespace patchc::kernel::graincloud {

constexpr int kMaxGrains = 4096;  // pyo's MAINPARTICLE_MAX_GRAINS

struct Clock {
  double timer;      // a grain starts when it reaches 1 (1 at first: the first sample starts one)
  double deviation;  // the timer's step factor, (2u − 1)·dev + 1, drawn at each start
  uint32_t generator;
  int used;          // slots [0, used) may be active
};

struct Grain {
  float start;      // where it reads from, in samples of the table
  float length;     // how many samples of the table it reads
  float step;       // its phase's step a sample, 1/(dur·sr)
  float phase;      // in [0, 1)
  int active;
};

inline void start(Clock& clock, uint32_t seed) {
  clock.timer = 1.0;
  clock.deviation = 1.0;
  clock.generator = randomclock::generatorFromSeed(seed);
  clock.used = 0;
}

// One sample of the timer: true when a grain starts on it.
inline bool tick(Clock& clock, float dens, const Env* env) {
  if (!(dens > 0.0f)) dens = 0.0f;
  const float oneOnSr = static_cast<float>(1.0 / static_cast<double>(env->sampleRate));
  const float step = static_cast<float>(static_cast<double>(dens * oneOnSr) * clock.deviation);
  clock.timer += static_cast<double>(step);
  if (clock.timer >= 1.0) {
    clock.timer -= 1.0;
    if (clock.timer >= 1.0) clock.timer = 0.0;  // a step above 1 (dens above sr) starts one grain a sample
    return true;
  }
  return false;
}

struct GrainInputs {
  float pitch, pos, dur, dev;
};

// Starts a grain in the first free slot with this sample's inputs (clamped as pyo does); returns the slot, or -1
// when all 4096 are busy. The slot's grain is inactive when it would read past the table.
inline int startGrain(Clock& clock, Grain* grains, GrainInputs g, const table::View& t, const Env* env,
                      double srScale) {
  int j = 0;
  while (j < kMaxGrains && grains[j].active) ++j;
  if (j == kMaxGrains) return -1;
  if (j >= clock.used) clock.used = j + 1;
  const float size = static_cast<float>(t.size);
  const float pitch = g.pitch < 0.0f ? -g.pitch : g.pitch;
  const float pos = g.pos < 0.0f || !(g.pos == g.pos) ? 0.0f : (g.pos >= size ? size : g.pos);
  const float dur = g.dur < 0.0001f || !(g.dur == g.dur) ? 0.0001f : g.dur;
  const float dev = g.dev < 0.0f || !(g.dev == g.dev) ? 0.0f : (g.dev > 1.0f ? 1.0f : g.dev);
  const double sr = static_cast<double>(env->sampleRate);
  Grain& grain = grains[j];
  grain.start = pos;
  grain.length = static_cast<float>(static_cast<double>(dur) * sr * static_cast<double>(pitch) * srScale);
  const float end = pos + grain.length;
  grain.active = t.size > 0 && end < size && end >= 0.0f && std::isfinite(end);
  grain.phase = 0.0f;
  grain.step = static_cast<float>(1.0 / (static_cast<double>(dur) * sr));
  whiteNoise(clock.generator);
  const float u = static_cast<float>(clock.generator >> 8) * (1.0f / 16777216.0f);  // uniform in [0, 1)
  clock.deviation = (static_cast<double>(u) * 2.0 - 1.0) * static_cast<double>(dev) + 1.0;
  return j;
}

// The grain's table sample (linear) and its envelope's level at its phase; then its phase steps, and it ends when
// the phase reaches 1.
inline void read(Grain& grain, const table::View& t, const table::View& envelope, float& value, float& level) {
  const float phase = grain.phase;
  float at = phase * static_cast<float>(envelope.size);
  long whole = static_cast<long>(at);
  level = table::linear(envelope, whole, at - static_cast<float>(whole));
  at = phase * grain.length + grain.start;
  whole = static_cast<long>(at);
  value = table::linear(t, whole, at - static_cast<float>(whole));
  const float next = phase + grain.step;
  if (next >= 1.0f) grain.active = 0;
  else grain.phase = next;
}

// srScale: the table's rate over the server's (a sound file's table plays at its own pitch).
inline double rateScale(float tableSampleRate, const Env* env) {
  return tableSampleRate > 0.0f ? static_cast<double>(tableSampleRate) / static_cast<double>(env->sampleRate) : 1.0;
}

}  // namespace patchc::kernel::graincloud
