// Cloud(density, poly): triggers at random times, density/2 a second on average (Cloud.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::cloud {

enum Input { kDensity, kPoly, kPlaying };

struct State {
  uint32_t generator;  // xorshift32 (RandomClock.h), never 0
};

}  // namespace patchc::kernel::cloud

PATCHC_OBJECT(Cloud) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::cloud;
  spec.doc = "Random triggers: each sample triggers with the chance density/(2·sr), about density/2 triggers a "
             "second as pyo 1.0.4's; starts with play().";
  spec.input(kDensity, signal("density", 10.0f, "twice the average number of triggers per second (0 to sr)"));
  spec.input(kPoly, within(constant("poly", 1.0f, "voices the triggers go round (patchc makes one)"),
                           {1.0f, 1.5f, true, "pyo 1.0.4 makes no voice; patchc one",
                            "pyo 1.0.4 sends the triggers to poly streams in turn; patchc makes one (not supported "
                            "yet)",
                            "pyo 1.0.4 refuses it (it takes an int); patchc makes one voice"}));
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.2f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::cloud::State);
  spec.generator = true;
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm = "each sample: 1 when u·sr < density/2 (u uniform in [0, 1), density clamped to [0, sr]), else 0; "
                   "silent before play() and after stop()";
  spec.differences = "pyo 1.0.4's rate, density/2 a second (measured: 30207 triggers in 60 s at density 1000, 499 "
                     "in 100 s at 10); a different random generator (xorshift32 per lane, seeded like `Noise`): "
                     "other times. poly > 1 is not supported (one voice)";
}
