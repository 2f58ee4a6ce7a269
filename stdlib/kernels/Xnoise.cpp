// Xnoise(dist, freq, x1, x2): on each sample where the clock (RandomClock.h) wraps, draws from the distribution
// `dist` with the x1 and x2 of that sample and holds the value. The distributions and their parameters are pyo
// 1.0.4's (its documentation; formulas and clamps checked against pyo's output: see XnoiseTest): each is scaled
// and clamped to [0, 1] but the walks, which stay within [0, x1].
#include "stdlib/kernels/Xnoise.h"

#include "stdlib/Kernel.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::xnoise;

namespace {

float unit(float v) { return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v); }

uint32_t next(State& s) {
  whiteNoise(s.clock.generator);
  return s.clock.generator;
}
float uniform(State& s) { return randomclock::uniform(s.clock); }

// ln(u) for u in [0, 1): u = 0 gives ln of the smallest step, not −inf.
float logUniform(State& s) {
  const float u = uniform(s);
  return std::log(u > 0.0f ? u : 1.0f / 16777216.0f);
}

void makePoisson(State& s, float x1) {
  s.poissonX1 = x1;
  s.poissonTotal = 0;
  const float e = std::pow(2.7182818f, -x1);
  int factorial = 1;
  for (int k = 1; k <= kPoissonValues; ++k) {
    factorial *= k;
    const double p = 1000.0 * static_cast<double>(e * std::pow(x1, static_cast<float>(k)) / static_cast<float>(factorial));
    s.poissonCount[k - 1] = p > 0.0 ? static_cast<int>(p) : 0;
    s.poissonTotal += s.poissonCount[k - 1];
  }
}

float walk(State& s, float x1, float x2) {
  if (x2 < 0.002f) x2 = 0.002f;
  const float scaled = x2 * 1000.0f;
  const uint32_t modulo = scaled < 4.0e9f ? static_cast<uint32_t>(scaled) : 4000000000u;
  const bool up = next(s) % 100 < 50;
  const float step = static_cast<float>(next(s) % modulo) * 0.001f;
  s.walker += up ? step : -step;
  if (s.walker > x1) s.walker = x1;
  else if (s.walker < 0.0f) s.walker = 0.0f;
  return s.walker;
}

float draw(State& s, int dist, float x1, float x2) {
  switch (dist) {
    case kLinearMin: { const float a = uniform(s), b = uniform(s); return a < b ? a : b; }
    case kLinearMax: { const float a = uniform(s), b = uniform(s); return a > b ? a : b; }
    case kTriangle: { const float a = uniform(s), b = uniform(s); return 0.5f * (a + b); }
    case kExponMin: return unit(-logUniform(s) / (x1 > 0.0f ? x1 : 0.00001f));
    case kExponMax: return unit(1.0f + logUniform(s) / (x1 > 0.0f ? x1 : 0.00001f));
    case kBiexpon: {
      float sum = 2.0f * uniform(s), polar = 1.0f;
      if (sum > 1.0f) polar = -1.0f, sum = 2.0f - sum;
      return unit(0.5f * (polar * std::log(sum > 0.0f ? sum : 1.0f / 16777216.0f) / (x1 > 0.0f ? x1 : 0.00001f)) + 0.5f);
    }
    case kCauchy: {
      float u;
      do u = uniform(s); while (u == 0.5f);
      const float direction = next(s) < 0x80000000u ? -1.0f : 1.0f;
      return unit(0.5f * (std::tan(u) * x1 * direction) + 0.5f);
    }
    case kWeibull: {
      const float shape = x2 > 0.0f ? x2 : 0.00001f;
      return unit(x1 * std::pow(-logUniform(s), 1.0f / shape));
    }
    case kGaussian: {
      float sum = 0.0f;
      for (int k = 0; k < 6; ++k) sum += uniform(s);
      return unit(x2 * (sum - 3.0f) * 0.33f + x1);
    }
    case kPoisson: {
      if (x1 < 0.1f) x1 = 0.1f;
      if (x2 < 0.1f) x2 = 0.1f;
      if (x1 != s.poissonX1) makePoisson(s, x1);
      if (s.poissonTotal <= 0) return 0.0f;
      int r = static_cast<int>(next(s) % static_cast<uint32_t>(s.poissonTotal)), k = 0;
      while (r >= s.poissonCount[k]) r -= s.poissonCount[k++];
      return unit(static_cast<float>(k + 1) / 12.0f * x2);
    }
    case kWalker: return walk(s, x1, x2);
    case kLoopseg: {
      if (s.looping == 0) {  // record a step of the walk
        s.playCount = s.playRounds = 0;
        const float v = walk(s, x1, x2);
        s.loop[s.recordCount++ % kLoopCapacity] = v;
        if (s.recordCount >= s.loopLength) {
          s.looping = 1;
          s.loopStop = static_cast<int>(next(s) % 4) + 1;
        }
        return v;
      }
      s.recordCount = 0;  // play the segment back
      s.walker = s.loop[s.playCount++ % kLoopCapacity];
      if (s.playCount >= s.loopLength) {
        s.playCount = 0;
        ++s.playRounds;
      }
      if (s.playRounds == s.loopStop) {
        s.looping = 0;
        s.loopLength = static_cast<int>(next(s) % 10) + 3;
      }
      return s.walker;
    }
    default: return uniform(s);
  }
}

}  // namespace

PATCHC_KERNEL_INIT(Xnoise) {
  auto* state = static_cast<State*>(state_);
  *state = {};
  randomclock::start(state->clock, seed);
  state->walker = 0.5f;
  state->poissonX1 = -99.0f;
}

PATCHC_KERNEL_PROCESS(Xnoise) {
  auto* state = static_cast<State*>(state_);
  const float d = in[kDist].value();
  const int dist = d >= 0.0f && d < static_cast<float>(kDistributions) ? static_cast<int>(d) : kUniform;
  float value = state->value;
  for (int i = 0; i < n; ++i) {
    if (randomclock::tick(state->clock, in[kFreq][i], env)) value = draw(*state, dist, in[kX1][i], in[kX2][i]);
    out[i] = value;
  }
  state->value = value;
}
