// Choice(choice, freq): a value chosen at random from a list, freq times a second, and held (Choice.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/RandomClock.h"

namespace patchc::kernel::choice {

enum Input { kChoice, kFreq };

struct State {
  randomclock::Clock clock;
  float value;  // the value held
};

}  // namespace patchc::kernel::choice

PATCHC_OBJECT(Choice) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::choice;
  spec.doc = "A value chosen at random from a list of numbers, freq times a second, and held.";
  spec.input(kChoice, settable(array("choice", "the numbers to choose from")));
  spec.input(kFreq, signal("freq", 1.0f, "choices per second"));
  spec.facts = oscillatorFacts(0.5f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::choice::State);
  spec.generator = true;
  spec.bipolar = false;
  // One of the list's numbers (0 before the first choice, or for an empty list).
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    auto numbers = q.array(kChoice);
    if (!numbers) return std::nullopt;
    Interval range = Interval::point(0.0f);
    for (float v : *numbers) range = join(range, Interval::point(v));
    return range;
  };
  spec.algorithm =
      "a clock at freq picks list[trunc(u·count)], u uniform in [0, 1), on the sample it wraps (the first sample "
      "picks), and holds it";
  spec.differences =
      "pyo 1.0.4's timing (measured); a different random generator (xorshift32 per lane, seeded like `Noise`): "
      "the same statistics, different choices";
}
