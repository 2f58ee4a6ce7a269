// What Particle and Particle2 share: pyo's particle scheduler. A timer starts a grain `dens` times a second (its
// step scaled by a random deviation drawn at each start), in the first free one of 4096 slots; a grain reads
// dur·sr·pitch·srScale samples of the table from `pos`, shaped by the envelope table, over dur seconds. A grain
// that would read past the table's end is dropped (its slot stays free). Float where pyo computes in float (the
// grain's phase and its step, the timer's step), so grains start and end on pyo's samples. With several outputs
// (chnls > 1) each grain goes to two of them, chosen and weighed by its pan when it starts (place).
#pragma once

#include "stdlib/Kernel.h"
#include "stdlib/kernels/Panning.h"
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

// Where a grain goes with `outs` > 1 outputs, as pyo 1.0.4: p = pan clipped to [0, 1]; gains √(1 − p) and √p on
// outputs 0 and 1 with two; with more, on the channel p has passed last (Panning.h) and the next (0 after the
// last). The gains are the whole pan's, not the place between those two channels: pyo's (a grain at pan 0.3 of 4
// outputs is √0.7 on output 1 and √0.3 on output 2).
struct Placement {
  int first, second;
  float gainFirst, gainSecond;
};

inline Placement place(float pan, int outs) {
  const float p = panning::unit(pan);
  int first = 0, second = 1;
  if (outs > 2) {
    first = panning::passedChannel(p, outs);
    second = first + 1 == outs ? 0 : first + 1;
  }
  return {first, second, std::sqrt(1.0f - p), std::sqrt(p)};
}

// srScale: the table's rate over the server's (a sound file's table plays at its own pitch).
inline double rateScale(float tableSampleRate, const Env* env) {
  return tableSampleRate > 0.0f ? static_cast<double>(tableSampleRate) / static_cast<double>(env->sampleRate) : 1.0;
}

// One process call of a particle granulator whose inputs are named by `Inputs` (Particle.h's particleInputs),
// with `outs` outputs. Each sample: the timer may start a grain with this sample's inputs (then
// `started(slot, i)`: Particle2 designs the slot's filter), then every active grain adds `shaped(slot, value)`
// times its envelope level to the output, or with several outputs to its two by their gains. Every input of a
// sample is read before its outputs are written.
template <typename Inputs, typename Started, typename Shaped>
inline void run(Clock& clock, Grain* grains, Placement* placements, int outs, const In* in, float* const* out,
                int n, const Env* env, Started started, Shaped shaped) {
  const table::View t = table::view(in[Inputs::kTable]), envelope = table::view(in[Inputs::kEnv]);
  const double srScale = rateScale(in[Inputs::kTableSampleRate].value(), env);
  for (int i = 0; i < n; ++i) {
    if (tick(clock, in[Inputs::kDens][i], env)) {
      const int j = startGrain(clock, grains,
                               {in[Inputs::kPitch][i], in[Inputs::kPos][i], in[Inputs::kDur][i], in[Inputs::kDev][i]},
                               t, env, srScale);
      if (j >= 0) {
        started(j, i);
        if (outs > 1) placements[j] = place(in[Inputs::kPan][i], outs);
      }
    }
    float sum = 0.0f;
    if (outs > 1)
      for (int k = 0; k < outs; ++k) out[k][i] = 0.0f;
    for (int j = 0; j < clock.used; ++j) {
      Grain& grain = grains[j];
      if (!grain.active) continue;
      float value, level;
      read(grain, t, envelope, value, level);
      const float y = shaped(j, value) * level;
      if (outs == 1) {
        sum += y;
      } else {
        const Placement& p = placements[j];
        out[p.first][i] += y * p.gainFirst;
        out[p.second][i] += y * p.gainSecond;
      }
    }
    if (outs == 1) out[0][i] = sum;
  }
}

}  // namespace patchc::kernel::graincloud
