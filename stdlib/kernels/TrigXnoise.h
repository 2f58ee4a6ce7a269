// TrigXnoise(input, dist, x1, x2): on each trigger a random value from one of pyo's 13 distributions (TrigXnoise.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::trigxnoise {

enum Input { kInput, kDist, kX1, kX2 };

struct State {
  float value;          // the value drawn last (0 before the first trigger)
  float walker;         // walker and loopseg: the walk's position
  float poissonX1;      // poisson: the x1 its weights were made for
  int32_t poissonTotal;  // ... the sum of its weights
  int32_t poissonWeight[12];  // ... the weight of each value k/12 (k = 1 .. 11)
  float loop[15];       // loopseg: the steps recorded, replayed
  int32_t loopLen, loopPlay, loopRecord, loopTimes, loopStop, looping;
  uint32_t generator;   // xorshift32 (RandomClock.h), never 0
};

}  // namespace patchc::kernel::trigxnoise

PATCHC_OBJECT(TrigXnoise) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::trigxnoise;
  spec.doc = "On each trigger of the input, a new random value between 0 and 1 from one of pyo's distributions, "
             "held (0 before the first trigger).";
  spec.input(kInput, audio("input", "the triggers (samples equal to 1)"));
  spec.input(kDist, within(constant("dist", 0.0f,
                                    "0 uniform, 1 linear_min, 2 linear_max, 3 triangle, 4 expon_min, 5 expon_max, "
                                    "6 biexpon, 7 cauchy, 8 weibull, 9 gaussian, 10 poisson, 11 walker, 12 loopseg"),
                           {0.0f, 12.0f, true, "pyo 1.0.4 has no such distribution; patchc uses 0 (uniform)",
                            "pyo 1.0.4 has no such distribution; patchc uses 12 (loopseg)",
                            "pyo 1.0.4 refuses it (it takes an int or a name); patchc uses its whole part"}));
  spec.input(kX1, signal("x1", 0.5f, "the first parameter: slope, bandwidth, locator, gravity or maximum"));
  spec.input(kX2, signal("x2", 0.5f, "the second parameter: shape, bandwidth, spread or step"));
  spec.facts.cost = 0.5f;
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::trigxnoise::State);
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm =
      "on a trigger, a draw from pyo's distribution, clipped to [0, 1] (u, v uniform in [0, 1)): min(u, v), "
      "max(u, v), (u + v)/2, −ln u/x1, 1 + ln u/x1, ±ln(·)/(2·x1) + 0.5, 0.5 ± tan(u)·x1/2, x1·(−ln(1 − u))^(1/x2), "
      "x1 + x2·(Σ6 u − 3)·0.33, k/12·x2 with Poisson(x1) weights, a walk of steps below x2 within [0, x1], the same "
      "walk recording 3 to 12 steps and replaying them 1 to 4 times";
  spec.differences = "pyo 1.0.4's trigger samples and distributions (measured means); a different random "
                     "generator (xorshift32 per lane, seeded like `Noise`): other values. dist takes the number, not "
                     "pyo's name ('uniform', ...)";
}
