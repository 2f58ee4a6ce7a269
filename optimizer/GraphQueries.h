// Small questions passes ask of the graph, answered in one place.
#pragma once

#include "ir/Graph.h"

#include <map>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace patchc::opt {

// The constant value of `signal` if all its lanes are the same constant.
inline std::optional<float> uniformConstant(const ir::Signal& signal) {
  if (!signal.isUniformConstant()) return std::nullopt;
  return signal.lanes[0].value;
}

inline bool isConstant(const ir::Signal& signal, float value) {
  auto v = uniformConstant(signal);
  return v && *v == value;
}

// Whether `signal` is exactly streams 0..n-1 of one node, in order (its lanes, for a node of one output); that
// node.
inline std::optional<ir::NodeId> wholeNode(const ir::Graph& graph, const ir::Signal& signal) {
  if (signal.lanes.empty() || signal.lanes[0].isConstant()) return std::nullopt;
  ir::NodeId id = signal.lanes[0].node;
  const ir::Node& node = graph.node(id);
  if (signal.width() != node.streams()) return std::nullopt;
  for (int i = 0; i < signal.width(); ++i)
    if (!(signal.lanes[static_cast<size_t>(i)] == node.stream(i))) return std::nullopt;
  return id;
}

inline ir::Signal wholeSignal(const ir::Graph& graph, ir::NodeId id) {
  ir::Signal s;
  const ir::Node& node = graph.node(id);
  for (int stream = 0; stream < node.streams(); ++stream) s.lanes.push_back(node.stream(stream));
  s.rate = ir::Rate::Audio;
  return s;
}

// A node whose output is one signal per lane: what passes that merge its lanes with another's or regroup them
// assume. A node of several outputs (Node::outputs: Pan's channels, STRev's sides) is left to cse and dce; a
// Lorenz without stereo has one, and is optimized as any other object.
inline bool singleOutput(const ir::Node& node) { return node.outputs == 1; }

// The registry the graph's nodes come from: where a pass that makes a node finds its object.
inline const Registry& registryOf(const ir::Graph& graph) {
  if (!graph.registry) throw std::logic_error("the graph does not say which registry its objects come from");
  return *graph.registry;
}

// Index of the op's first Audio input (its processed signal), or -1 for generators and Mix (0 for Mix).
inline int audioInputIndex(const ir::Node& node) {
  if (node.kind == ir::NodeKind::Mix) return 0;
  for (size_t i = 0; i < node.spec->inputs.size(); ++i)
    if (node.spec->inputs[i].kind == InputKind::Audio) return static_cast<int>(i);
  return -1;
}

// The white noises that can share one generator (the manual's "re-use your generators", not exact: they become
// the same noise): each (first, other) where `other` could be `first` scaled, in topological order. `first` is
// the first noise declared shareable (ObjectFacts::shareableNoise) with a constant, non-zero gain and no offset;
// `other` every later one of the same object, as wide or narrower.
// share-noise (-Ofast) shares them; noise-advice (-O2) names them.
inline std::vector<std::pair<ir::NodeId, ir::NodeId>> shareableNoises(const ir::Graph& graph) {
  std::vector<std::pair<ir::NodeId, ir::NodeId>> pairs;
  std::map<const ObjectSpec*, ir::NodeId> first;  // per noise object: copies of one are the same noise
  for (ir::NodeId id : graph.topologicalOrder()) {
    const ir::Node& node = graph.node(id);
    if (node.kind != ir::NodeKind::Object || !node.spec->facts.shareableNoise || node.stopped || node.replaced)
      continue;
    auto gain = uniformConstant(node.inputs[node.mulIndex()]);
    if (!gain || *gain == 0.0f || !isConstant(node.inputs[node.addIndex()], 0.0f)) continue;
    auto [shared, isFirst] = first.emplace(node.spec, id);
    if (!isFirst && graph.node(shared->second).lanes >= node.lanes) pairs.push_back({shared->second, id});
  }
  return pairs;
}

// The user's word for a node in remarks: "Phaser 'phs'" or "Phaser".
inline std::string describe(const ir::Node& node) {
  return node.name.empty() ? node.opName() : node.opName() + " '" + node.name + "'";
}

}  // namespace patchc::opt
