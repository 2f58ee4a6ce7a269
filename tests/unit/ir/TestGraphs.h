// Graphs built by hand for the ir/ and optimizer/ unit tests: nodes of registry objects with every input at its
// default, so that a test states only the inputs and the wiring it is about (no parser, no elaborator).
#pragma once

#include "ir/Graph.h"
#include "stdlib/Registry.h"

#include <stdexcept>
#include <string>

namespace patchc::test {

// A one-lane node of the registry object `op`: every input at its default (0 when pyo requires it), mul 1, add 0.
// The graph's objects then come from the built-in registry (Graph::registry, which passes and the verifier ask).
inline ir::NodeId addObject(ir::Graph& graph, const std::string& op, const std::string& name = "") {
  if (!graph.registry) graph.registry = &Registry::builtin();
  const ObjectSpec* spec = Registry::builtin().find(op);
  if (!spec) throw std::logic_error("the registry has no object " + op);
  ir::Node& node = graph.add(ir::NodeKind::Object, spec, 1, {});
  for (const auto& input : spec->inputs) node.inputs.push_back(ir::Signal::constant(input.defaultValue.value_or(0.0f)));
  node.inputs.push_back(ir::Signal::constant(1.0f));  // mul
  node.inputs.push_back(ir::Signal::constant(0.0f));  // add
  node.name = name;
  graph.updateShape(node);
  return node.id;
}

// The position of input `name` ("mul" and "add" included) in a node's inputs.
inline size_t inputIndex(const ir::Node& node, const std::string& name) {
  if (name == "mul") return node.mulIndex();
  if (name == "add") return node.addIndex();
  if (node.kind == ir::NodeKind::Mix && name == "input") return 0;
  int index = node.spec ? node.spec->inputIndex(name) : -1;
  if (index < 0) throw std::logic_error(node.opName() + " has no input " + name);
  return static_cast<size_t>(index);
}

// Gives input `name` of `node` a new signal the way a pass does: lanes, rates and the reader index follow.
inline void setInput(ir::Graph& graph, ir::NodeId node, const std::string& name, ir::Signal signal) {
  ir::Node& n = graph.node(node);
  n.inputs[inputIndex(n, name)] = std::move(signal);
  graph.updateShape(n);
}

// Lanes 0..lanes-1 of `node`, in order (what `%node` prints as).
inline ir::Signal lanesOf(ir::NodeId node, int lanes = 1) {
  ir::Signal s;
  for (int l = 0; l < lanes; ++l) s.lanes.push_back(ir::LaneSource::of(node, l));
  s.rate = ir::Rate::Audio;
  return s;
}

// One constant per lane.
inline ir::Signal constants(std::initializer_list<float> values) {
  ir::Signal s;
  for (float v : values) s.lanes.push_back(ir::LaneSource::constant(v));
  return s;
}

}  // namespace patchc::test
