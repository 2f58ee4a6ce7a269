// TrigXnoise(input, dist, x1, x2): on each sample where the input is exactly 1 (a trigger), a draw from pyo
// 1.0.4's distribution `dist`, held; 0 before the first trigger. u, v are uniform in [0, 1) from RandomClock.h's
// generator (per lane, seeded like Noise); every result is clipped to [0, 1]:
//   0 uniform u;  1 linear_min min(u, v);  2 linear_max max(u, v);  3 triangle (u + v)/2
//   4 expon_min −ln(u)/x1;  5 expon_max 1 + ln(u)/x1 (x1 ≤ 0 taken as 0.00001)
//   6 biexpon: s = 2u; 0.5 + ln(s)/(2·x1) for s ≤ 1, else 0.5 − ln(2 − s)/(2·x1)
//   7 cauchy 0.5 ± tan(u)·x1/2 (the sign a coin toss; u = 0.5 drawn again)
//   8 weibull x1·(ln(1/(1 − u)))^(1/x2) (x2 ≤ 0 taken as 0.00001)
//   9 gaussian x1 + x2·0.33·(the sum of 6 uniforms − 3)
//   10 poisson x2·k/12, k = 1 .. 11 with weight trunc(1000·e^−x1·x1^k/k!) (x1, x2 at least 0.1)
//   11 walker: the walk (from 0.5) moves up or down (a coin toss) by trunc(1000·w·x2)/1000, w uniform, within
//      [0, x1] (x2 at least 0.002)
//   12 loopseg: the walk, recording 3 to 12 steps, then replaying them 1 to 4 times, and again
// pyo's means (measured over 10001 triggers, x1 = x2 = 0.5 unless given): 0.4964, 0.3358, 0.6704, 0.5043, 0.7905,
// (x1 = 10: 4 0.1012, 5 0.8994, 6 0.4999), 0.5017, 0.4155, 0.5017, 0.0527, walker within [0, 0.5].
#include "stdlib/kernels/TrigXnoise.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/RandomClock.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::trigxnoise;

namespace {

float clip01(float x) { return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x); }  // NaN: 1, as pyo's comparisons

// A whole number in [0, n) (pyo's pyorand() % n), n ≥ 1.
uint32_t below(uint32_t& g, uint32_t n) {
  const uint32_t k = static_cast<uint32_t>(randomclock::uniform(g) * static_cast<float>(n));
  return k < n ? k : n - 1;
}

float walk(State& s, float x1, float x2) {
  const float step = !(x2 >= 0.002f) ? 0.002f : (x2 > 1.0e6f ? 1.0e6f : x2);  // NaN: 0.002
  const uint32_t modulo = static_cast<uint32_t>(step * 1000.0f);
  const bool up = below(s.generator, 100) < 50;
  const float move = static_cast<float>(below(s.generator, modulo > 0 ? modulo : 1)) * 0.001f;
  s.walker += up ? move : -move;
  if (s.walker > x1) s.walker = x1;
  else if (s.walker < 0.0f) s.walker = 0.0f;
  return s.walker;
}

float loopseg(State& s, float x1, float x2) {
  if (!s.looping) {
    s.loopPlay = s.loopTimes = 0;
    s.loop[s.loopRecord++] = walk(s, x1, x2);
    if (s.loopRecord >= s.loopLen) {
      s.looping = 1;
      s.loopStop = static_cast<int32_t>(below(s.generator, 4)) + 1;
    }
    return s.walker;
  }
  s.loopRecord = 0;
  s.walker = s.loop[s.loopPlay++];
  if (s.loopPlay >= s.loopLen) {
    s.loopPlay = 0;
    ++s.loopTimes;
  }
  if (s.loopTimes == s.loopStop) {
    s.looping = 0;
    s.loopLen = static_cast<int32_t>(below(s.generator, 10)) + 3;
  }
  return s.walker;
}

float poisson(State& s, float x1, float x2) {
  if (x1 < 0.1f) x1 = 0.1f;
  if (x2 < 0.1f) x2 = 0.1f;
  if (x1 != s.poissonX1) {  // the weights of k = 1 .. 11 for this mean
    s.poissonX1 = x1;
    s.poissonTotal = 0;
    double factorial = 1.0;
    for (int k = 1; k < 12; ++k) {
      factorial *= k;
      const double weight = 1000.0 * std::exp(-static_cast<double>(x1)) * std::pow(static_cast<double>(x1), k) / factorial;
      s.poissonWeight[k] = weight >= 0.0 && weight < 2000.0 ? static_cast<int32_t>(weight) : 0;
      s.poissonTotal += s.poissonWeight[k];
    }
  }
  if (s.poissonTotal <= 0) return 0.0f;
  int32_t pick = static_cast<int32_t>(below(s.generator, static_cast<uint32_t>(s.poissonTotal)));
  int k = 1;
  while (k < 11 && pick >= s.poissonWeight[k]) pick -= s.poissonWeight[k++];
  return clip01(static_cast<float>(k) / 12.0f * x2);
}

float draw(State& s, int dist, float x1, float x2) {
  uint32_t& g = s.generator;
  switch (dist) {
    case 1: {
      const float a = randomclock::uniform(g), b = randomclock::uniform(g);
      return a < b ? a : b;
    }
    case 2: {
      const float a = randomclock::uniform(g), b = randomclock::uniform(g);
      return a > b ? a : b;
    }
    case 3: {
      const float a = randomclock::uniform(g), b = randomclock::uniform(g);
      return (a + b) * 0.5f;
    }
    case 4:
    case 5: {
      const float slope = x1 <= 0.0f ? 0.00001f : x1;
      const float e = -std::log(randomclock::uniform(g)) / slope;  // u = 0: +inf, clipped
      return clip01(dist == 4 ? e : 1.0f - e);
    }
    case 6: {
      const float bandwidth = x1 <= 0.0f ? 0.00001f : x1;
      float sum = randomclock::uniform(g) * 2.0f;
      float polar = 1.0f;
      if (sum > 1.0f) {
        polar = -1.0f;
        sum = 2.0f - sum;
      }
      return clip01(0.5f * (polar * std::log(sum) / bandwidth) + 0.5f);
    }
    case 7: {
      float u = randomclock::uniform(g);
      while (u == 0.5f) u = randomclock::uniform(g);
      const float dir = randomclock::uniform(g) < 0.5f ? -1.0f : 1.0f;
      return clip01(0.5f * (std::tan(u) * x1 * dir) + 0.5f);
    }
    case 8: {
      const float shape = x2 <= 0.0f ? 0.00001f : x2;
      const float r = 1.0f / (1.0f - randomclock::uniform(g));
      return clip01(x1 * std::pow(std::log(r), 1.0f / shape));
    }
    case 9: {
      float sum = 0.0f;
      for (int k = 0; k < 6; ++k) sum += randomclock::uniform(g);
      return clip01(x2 * (sum - 3.0f) * 0.33f + x1);
    }
    case 10: return poisson(s, x1, x2);
    case 11: return walk(s, x1, x2);
    case 12: return loopseg(s, x1, x2);
    default: return randomclock::uniform(g);
  }
}

}  // namespace

PATCHC_KERNEL_INIT(TrigXnoise) {
  auto* state = static_cast<trigxnoise::State*>(state_);
  *state = trigxnoise::State{};
  state->walker = 0.5f;
  state->poissonX1 = -99.0f;
  state->generator = randomclock::generatorFromSeed(seed);
  state->loopLen = static_cast<int32_t>(below(state->generator, 10)) + 3;
}

PATCHC_KERNEL_PROCESS(TrigXnoise) {
  auto* state = static_cast<trigxnoise::State*>(state_);
  const float distValue = in[kDist].value();
  const int dist = distValue >= 12.0f ? 12 : distValue > 0.0f ? static_cast<int>(distValue) : 0;
  float value = state->value;
  for (int i = 0; i < n; ++i) {
    if (in[kInput][i] == 1.0f) value = draw(*state, dist, in[kX1][i], in[kX2][i]);
    out[i] = value;
  }
  state->value = value;
}
