// TrigRandInt(input, max): a random whole number from 0 to max − 1 on each trigger (TrigRandInt.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstdint>

namespace patchc::kernel::trigrandint {

enum Input { kInput, kMax };

struct State {
  float value;         // the number drawn last
  int32_t drawn;       // 0 until the first sample's draw (pyo draws when it is created)
  uint32_t generator;  // xorshift32 (RandomClock.h), never 0
};

}  // namespace patchc::kernel::trigrandint

PATCHC_OBJECT(TrigRandInt) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::trigrandint;
  spec.doc = "On each trigger of the input, a random whole number from 0 to max − 1 (each equally likely for a "
             "whole max), held; one is drawn before the first trigger too.";
  spec.input(kInput, audio("input", "the triggers (samples equal to 1)"));
  spec.input(kMax, signal("max", 100.0f, "one above the highest number"));
  spec.facts.cost = 0.3f;
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::trigrandint::State);
  spec.bipolar = false;
  // trunc(u·max): between 0 and max (below it for max > 0), whole numbers.
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range max = q.input(kMax);
    if (!max) return std::nullopt;
    return join(Interval::point(0.0f), Interval{std::trunc(max->low), std::trunc(max->high)});
  };
  spec.algorithm = "at init and on each trigger, trunc(u·max) (u uniform in [0, 1)), held";
  spec.differences = "pyo 1.0.4's trigger samples and distribution (measured); a different random generator "
                     "(xorshift32 per lane, seeded like `Noise`): other numbers";
}
