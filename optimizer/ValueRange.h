// Bounds on the values a signal can take, from what the graph knows: constants, Linseg's breakpoints, the
// [-1, 1] of bounded oscillators, arithmetic and pyo's mul and add on them. A pass asks it before it replaces a
// computation by one that is exact only on a bounded domain (exact-trig: the polynomial sine, whose error grows
// with the size of its argument).
#pragma once

#include "ir/Graph.h"

#include <optional>
#include <string>

namespace patchc::opt {

struct ValueRange {
  float low = 0.0f;
  float high = 0.0f;
  float magnitude() const;  // the largest |x| in the range
  std::string text() const;  // "[0, 1.571]"
};

// The range of every lane of `signal`, or nullopt when some lane is not bounded by what the analysis knows.
std::optional<ValueRange> valueRange(const ir::Graph& graph, const ir::Signal& signal);

}  // namespace patchc::opt
