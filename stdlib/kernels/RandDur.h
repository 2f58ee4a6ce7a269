// RandDur(min, max): a random duration in seconds, held for that duration (RandDur.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/RandomClock.h"

#include <algorithm>

namespace patchc::kernel::randdur {

enum Input { kMin, kMax };

struct State {
  double time;         // in units of the held duration: the next draw when it reaches 1
  double increment;    // 1 / (value · sr): 0 before the first draw
  uint32_t generator;  // xorshift32 state, never 0
  float value;         // the duration held, in seconds
  bool started;        // the first draw has happened
};

// pyo's bounds: min below 0 counts as 0, max below min as min.
inline float low(float min) { return min > 0.0f ? min : 0.0f; }

}  // namespace patchc::kernel::randdur

PATCHC_OBJECT(RandDur) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::randdur;
  spec.doc = "A random duration in seconds between min and max, held for that long, then drawn again.";
  spec.input(kMin, signal("min", 0.0f, "the shortest duration in seconds (below 0 counts as 0)"));
  spec.input(kMax, signal("max", 1.0f, "the longest duration in seconds"));
  spec.facts = oscillatorFacts(0.5f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(State);
  spec.generator = true;
  spec.bipolar = false;
  // low(min) + max(max − low(min), 0)·u: between low(min) and the larger of it and max.
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range min = q.input(kMin), max = q.input(kMax);
    if (!min || !max) return std::nullopt;
    return Interval{low(min->low), std::max(low(min->high), max->high)};
  };
  spec.algorithm =
      "draws d = m + max(max − m, 0)·u (m = max(min, 0), u uniform in [0, 1)) on the first sample and each time "
      "the clock, stepping 1/(d·sr) a sample, passes 1 (its excess carried), and holds d";
  spec.differences =
      "pyo 1.0.4's timing (measured); a different random generator (xorshift32 per lane, seeded like `Noise`); a "
      "duration of 0 draws again on the next sample (pyo's clock then becomes infinite and draws every sample "
      "from then on)";
}
