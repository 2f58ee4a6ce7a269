// Percent(input, percent): lets each input trigger through with a chance of `percent` % (Percent.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::percent {

enum Input { kInput, kPercent };

struct State {
  uint32_t generator;  // xorshift32 (RandomClock.h), never 0
};

}  // namespace patchc::kernel::percent

PATCHC_OBJECT(Percent) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::percent;
  spec.doc = "Passes each trigger of its input (a sample equal to 1) with the chance `percent` %, else 0.";
  spec.input(kInput, audio("input", "the triggers"));
  spec.input(kPercent, signal("percent", 50.0f, "the chance, in percent, that a trigger passes"));
  spec.facts.cost = 0.2f;
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::percent::State);
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm = "on each input sample equal to 1: 1 when 100·u ≤ percent (u uniform in [0, 1)), else 0";
  spec.differences = "pyo 1.0.4's odds (measured: 0 % passes none, 100 % all; 25 % passed 5170 of 20040); a "
                     "different random generator (xorshift32 per lane, seeded like `Noise`): other triggers pass";
}
