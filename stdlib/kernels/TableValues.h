// The range of a table reader's output that only reads and interpolates a table between neighbours (linear,
// cosine, no interpolation): within its table's numbers (ObjectFacts::outputRange from the Array input), and 0
// when `andZero` (a reader that starts from 0 or outputs 0 for an empty table).
#pragma once

#include "stdlib/Registry.h"

#include <algorithm>

namespace patchc::declare {

inline std::function<Range(const RangeQuery&)> withinTable(size_t tableInput, bool andZero) {
  return [tableInput, andZero](const RangeQuery& query) -> Range {
    auto numbers = query.array(tableInput);
    if (!numbers || numbers->empty()) return andZero ? Range(Interval::point(0.0f)) : std::nullopt;
    auto [low, high] = std::minmax_element(numbers->begin(), numbers->end());
    Interval range{*low, *high};
    if (andZero) range = join(range, Interval::point(0.0f));
    // Interpolation's float rounding (x1 + (x2 − x1)·f, the difference rounded) may pass a neighbour by an ulp.
    const float margin = 1e-6f * range.magnitude();
    return Interval{range.low - margin, range.high + margin};
  };
}

}  // namespace patchc::declare
