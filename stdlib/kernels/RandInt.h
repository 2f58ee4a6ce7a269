// RandInt(max, freq): a random whole number in [0, max), drawn freq times a second and held (RandInt.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/RandomClock.h"

namespace patchc::kernel::randint {

enum Input { kMax, kFreq };

struct State {
  randomclock::Clock clock;
  float value;  // the number held
};

}  // namespace patchc::kernel::randint

PATCHC_OBJECT(RandInt) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::randint;
  spec.doc = "A random whole number from 0 up to (not including) max, drawn freq times a second and held.";
  spec.input(kMax, signal("max", 100.0f, "the bound: numbers are 0 .. max − 1"));
  spec.input(kFreq, signal("freq", 1.0f, "draws per second"));
  spec.facts = oscillatorFacts(0.5f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::randint::State);
  spec.generator = true;
  spec.bipolar = false;
  // u·max truncated toward 0, u in [0, 1): between 0 and max (before the first draw: 0).
  spec.facts.outputRange = [](const RangeQuery& q) -> Range { return join(Interval::point(0.0f), q.input(kMax)); };
  spec.algorithm =
      "a clock at freq draws trunc(u·max), u uniform in [0, 1), on the sample it wraps (the first sample draws), "
      "and holds it";
  spec.differences =
      "pyo 1.0.4's timing and range (measured); a different random generator (xorshift32 per lane, seeded like "
      "`Noise`): the same statistics, different values";
}
