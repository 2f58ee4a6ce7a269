// Counter(input, min, max, dir): counts the triggers of its input between min and max (Counter.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <algorithm>
#include <cstdint>

namespace patchc::kernel::counter {

enum Input { kInput, kMin, kMax, kDir };

struct State {
  int64_t next;     // the count the next trigger outputs
  int64_t step;     // dir 2: +1 going up, −1 going down
  float value;      // the count output since the last trigger
};

}  // namespace patchc::kernel::counter

PATCHC_OBJECT(Counter) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::counter;
  const char* wholePart = "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part";
  const ValidRange anInt{-9.2e18f, 9.2e18f, true, "pyo 1.0.4 refuses it (beyond a 64-bit int); patchc counts from 0",
                         "pyo 1.0.4 refuses it (beyond a 64-bit int); patchc counts from 0", wholePart};
  spec.doc = "Counts its input's triggers: outputs min, min + 1, ..., max − 1 and around again (or down, or back "
             "and forth).";
  spec.input(kInput, audio("input", "the triggers to count (samples equal to 1)"));
  spec.input(kMin, within(constant("min", 0.0f, "the lowest count"), anInt));
  spec.input(kMax, within(constant("max", 100.0f, "one above the highest count"), anInt));
  spec.input(kDir, within(constant("dir", 0.0f, "0 up, 1 down, 2 up and down"),
                          {0.0f, 2.0f, true, "pyo 1.0.4 and patchc then never count (the output stays 0)",
                           "pyo 1.0.4 and patchc then never count (the output stays 0)", wholePart}));
  spec.facts.cost = 0.2f;
  spec.stateBytes = sizeof(kernel::counter::State);
  spec.bipolar = false;
  // 0 before the first trigger, then counts between min and max − 1 (max − 2 on the way down in dir 2).
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range min = q.input(kMin), max = q.input(kMax);
    if (!min || !max) return std::nullopt;
    const float low = std::trunc(min->low), high = std::trunc(max->high);
    const float lowest = std::min({0.0f, low, std::trunc(max->low) - 2.0f});
    const float highest = std::max({0.0f, std::trunc(min->high), high - 1.0f});
    return Interval{lowest, highest};
  };
  spec.algorithm =
      "on each input sample equal to 1 the output becomes the count, then the count steps: dir 0 up, from max − 1 "
      "back to min; dir 1 down, from min back to max − 1; dir 2 up to max − 1 then down to min; 0 before the first "
      "trigger";
  spec.differences = "the same samples as pyo 1.0.4 (measured)";
}
