// Checks the graph's invariants. Run after elaboration and (in test builds) after every optimizer pass, so a
// broken invariant is caught where it was broken.
#pragma once

#include "ir/Graph.h"

#include <string>
#include <vector>

namespace patchc::ir {

// Every violated invariant, one message each; empty when the graph is well formed.
std::vector<std::string> verify(const Graph& graph);

}  // namespace patchc::ir
