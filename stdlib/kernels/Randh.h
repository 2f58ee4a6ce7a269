// Randh(min, max, freq): a random value held between draws, freq draws a second (Randh.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/RandomClock.h"

namespace patchc::kernel::randh {

enum Input { kMin, kMax, kFreq };

struct State {
  randomclock::Clock clock;
  bool started;  // the first sample sets the start value, (min + max)/2, from the inputs of that sample
  float value;  // the value held
};

}  // namespace patchc::kernel::randh

PATCHC_OBJECT(Randh) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::randh;
  spec.doc = "A random value between min and max, drawn freq times a second and held (sample and hold).";
  spec.input(kMin, signal("min", 0.0f, "the lowest value"));
  spec.input(kMax, signal("max", 1.0f, "the highest value"));
  spec.input(kFreq, signal("freq", 1.0f, "draws per second"));
  spec.facts = oscillatorFacts(0.5f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::randh::State);
  spec.generator = true;
  spec.bipolar = false;
  // min + (max − min)·u, u in [0, 1): between the lowest of min and max and the highest.
  spec.facts.outputRange = [](const RangeQuery& q) -> Range { return join(q.input(kMin), q.input(kMax)); };
  spec.algorithm =
      "a clock at freq draws min + (max − min)·u, u uniform in [0, 1), on the sample it wraps (the first sample "
      "draws), and holds it";
  spec.differences =
      "pyo 1.0.4's timing and range (measured); a different random generator (xorshift32 per lane, seeded like "
      "`Noise`): the same statistics, different values";
}
