// Randi(min, max, freq): random values drawn freq times a second, joined by straight lines (Randi.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/RandomClock.h"

namespace patchc::kernel::randi {

enum Input { kMin, kMax, kFreq };

struct State {
  randomclock::Clock clock;
  bool started;  // the first sample sets the start value, (min + max)/2, from the inputs of that sample
  float from;  // the line's start: the previous value drawn
  float to;    // ... and its end, the last value drawn
};

}  // namespace patchc::kernel::randi

PATCHC_OBJECT(Randi) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::randi;
  spec.doc = "Random values between min and max, drawn freq times a second and joined by straight lines.";
  spec.input(kMin, signal("min", 0.0f, "the lowest value"));
  spec.input(kMax, signal("max", 1.0f, "the highest value"));
  spec.input(kFreq, signal("freq", 1.0f, "draws per second"));
  spec.facts = oscillatorFacts(0.5f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::randi::State);
  spec.generator = true;
  spec.bipolar = false;
  // Lines between values each in [min, max] (and the start, (min + max)/2).
  spec.facts.outputRange = [](const RangeQuery& q) -> Range { return join(q.input(kMin), q.input(kMax)); };
  spec.algorithm =
      "a clock at freq draws min + (max − min)·u, u uniform in [0, 1), on the sample it wraps; the output goes "
      "in a straight line from the previous value to it over the cycle; it starts from (min + max)/2";
  spec.differences =
      "pyo 1.0.4's timing and shape (measured); a different random generator (xorshift32 per lane, seeded like "
      "`Noise`): the same statistics, different values";
}
