// Text and Graphviz forms of the graph IR (`patchc emit --stage=graph [--format=dot]`).
#pragma once

#include "ir/Graph.h"

#include <string>

namespace patchc::ir {

// One line per node in topological order, e.g.
//   %src = SineLoop[50] freq=const[190.4, 207.9, ...] feedback=const 0.1 mul=const 0.01  ; chorus.patch:6:7
// then one `out` line per output tap. Inputs at their default value and unity mul/add are left out.
std::string printText(const Graph& graph);

// A Graphviz digraph: a box per node labelled with its op and lane count, an edge per input.
std::string printDot(const Graph& graph);

// The short printed name of a node: its variable name if unique, else op name and id (e.g. %lfo, %Sine3).
std::string printedName(const Graph& graph, NodeId id);

}  // namespace patchc::ir
