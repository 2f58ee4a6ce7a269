// Bounds on the values a signal can take, from what the graph knows: constants, pyo's mul and add, and each
// object's declared output range (ObjectFacts::outputRange: the [-1, 1] of bounded oscillators, Linseg's
// breakpoints, interval arithmetic for Add, Sub, Mul). A pass asks it before it replaces a computation by one that
// is exact only on a bounded domain (exact-trig: the polynomial sine, whose error grows with the size of its
// argument) or drops a term as negligible (denorm-elide).
#pragma once

#include "ir/Graph.h"
#include "stdlib/Interval.h"

#include <optional>
#include <string>

namespace patchc::opt {

// The range of every lane of `signal`, or nullopt when some lane is not bounded by what the analysis knows.
std::optional<Interval> valueRange(const ir::Graph& graph, const ir::Signal& signal);

// "[0, 1.571]"
std::string text(const Interval& range);

}  // namespace patchc::opt
