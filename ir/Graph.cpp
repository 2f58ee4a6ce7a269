#include "ir/Graph.h"

#include <algorithm>
#include <fmt/format.h>

namespace patchc::ir {

const char* spelling(Rate rate) {
  switch (rate) {
    case Rate::Const: return "const";
    case Rate::Control: return "control";
    case Rate::Audio: return "audio";
  }
  return "?";
}

bool Signal::isConstant() const {
  return std::all_of(lanes.begin(), lanes.end(), [](const LaneSource& l) { return l.isConstant(); });
}

bool Signal::isUniformConstant() const {
  if (!isConstant() || lanes.empty()) return false;
  return std::all_of(lanes.begin(), lanes.end(), [&](const LaneSource& l) { return l.value == lanes[0].value; });
}

Rate inferRate(const Signal& signal) { return signal.isConstant() ? Rate::Const : Rate::Audio; }

const std::string& Node::opName() const {
  static const std::string mix = "Mix";
  return kind == NodeKind::Mix ? mix : spec->name;
}

std::string Node::identity() const {
  if (!name.empty()) return name;
  if (origin.known()) return fmt::format("{}@{}:{}", opName(), origin.begin.line, origin.begin.column);
  return fmt::format("{}#{}", opName(), id);
}

Node& Graph::add(NodeKind kind, const ObjectSpec* spec, int lanes, SourceRange origin) {
  Node node;
  node.id = static_cast<NodeId>(nodes_.size());
  node.seedIndex = node.id;
  node.kind = kind;
  node.spec = spec;
  node.lanes = lanes;
  node.origin = origin;
  nodes_.push_back(std::move(node));
  return nodes_.back();
}

void Graph::updateShape(Node& node) {
  if (node.kind == NodeKind::Object) {
    int lanes = 1;
    for (auto& input : node.inputs) lanes = std::max(lanes, input.width());
    node.lanes = lanes;
  }
  // A Mix node's lane count is its `voices` argument and does not follow its input.
  for (auto& input : node.inputs) input.rate = inferRate(input);
}

std::vector<NodeId> Graph::topologicalOrder() const {
  // Kahn's algorithm over "reads from" edges; ties keep creation order so printouts are stable.
  std::vector<std::vector<NodeId>> readers(nodes_.size());
  std::vector<int> pending(nodes_.size(), 0);
  for (const auto& node : nodes_) {
    std::vector<NodeId> sources;
    for (const auto& input : node.inputs)
      for (const auto& lane : input.lanes)
        if (!lane.isConstant()) sources.push_back(lane.node);
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    for (NodeId s : sources) readers[s].push_back(node.id);
    pending[node.id] = static_cast<int>(sources.size());
  }
  std::vector<NodeId> order;
  std::vector<NodeId> ready;
  for (const auto& node : nodes_)
    if (pending[node.id] == 0) ready.push_back(node.id);
  // Process in ascending id order for determinism.
  while (!ready.empty()) {
    auto it = std::min_element(ready.begin(), ready.end());
    NodeId id = *it;
    ready.erase(it);
    order.push_back(id);
    for (NodeId r : readers[id])
      if (--pending[r] == 0) ready.push_back(r);
  }
  if (order.size() != nodes_.size()) return {};
  return order;
}

std::vector<NodeId> Graph::readersOf(NodeId node) const {
  std::vector<NodeId> readers;
  for (const auto& reader : nodes_) {
    bool reads = false;
    for (const auto& input : reader.inputs)
      for (const auto& lane : input.lanes) reads = reads || (!lane.isConstant() && lane.node == node);
    if (reads) readers.push_back(reader.id);
  }
  return readers;
}

bool Graph::hasOutputTap(NodeId node) const {
  return std::any_of(outputs_.begin(), outputs_.end(), [node](const OutputTap& t) { return t.node == node; });
}

void Graph::removeNodes(const std::vector<bool>& dead) {
  std::vector<NodeId> newId(nodes_.size(), 0);
  std::vector<Node> kept;
  for (auto& node : nodes_) {
    if (dead[node.id]) continue;
    newId[node.id] = static_cast<NodeId>(kept.size());
    kept.push_back(std::move(node));
  }
  for (auto& node : kept) {
    node.id = newId[node.id];
    for (auto& input : node.inputs)
      for (auto& lane : input.lanes)
        if (!lane.isConstant()) lane.node = newId[lane.node];
  }
  outputs_.erase(std::remove_if(outputs_.begin(), outputs_.end(), [&](const OutputTap& t) { return dead[t.node]; }),
                 outputs_.end());
  for (auto& tap : outputs_) tap.node = newId[tap.node];
  nodes_ = std::move(kept);
}

}  // namespace patchc::ir
