#include "ir/Graph.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <queue>
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
  static const std::string unknown = "?";  // an object without a registry entry: the verifier names it
  if (kind == NodeKind::Mix) return mix;
  return spec ? spec->name : unknown;
}

std::string Node::identity() const {
  if (!name.empty()) return name;
  if (origin.known()) return fmt::format("{}@{}:{}", opName(), origin.begin.line, origin.begin.column);
  return fmt::format("{}#{}", opName(), id);
}

std::string hotSwapSite(const Node& node) {
  return fmt::format("{}:{}@{}:{}", node.kind == NodeKind::Mix ? "Mix" : node.spec->name, node.name,
                     node.origin.begin.line, node.origin.begin.column);
}

void assignHotSwapIdentities(Graph& graph) {
  std::map<std::string, int> made;
  for (auto& node : graph.nodes()) {
    const std::string site = hotSwapSite(node);
    node.swapIdentity = fmt::format("{}#{}", site, made[site]++);
  }
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
  // A new node reads nothing and is read by nothing yet (inputsChanged registers what it reads).
  if (index_.readers) {
    index_.readers->readers.emplace_back();
    index_.readers->sources.emplace_back();
  }
  if (index_.taps) index_.taps.value->emplace_back();
  return nodes_.back();
}

int declaredOutputs(const Node& node, int lane) {
  if (node.kind != NodeKind::Object || !node.spec || !node.spec->multiOutput()) return 1;
  ConstantInputs constants;
  for (const auto& input : node.inputs) {
    const auto& source = input.forLane(lane);
    constants.values.push_back(source.isConstant() ? source.value : NAN);
  }
  return node.spec->outputCount(constants);
}

void Graph::updateShape(Node& node) {
  if (node.kind == NodeKind::Object) {
    int lanes = 1;
    for (auto& input : node.inputs) lanes = std::max(lanes, input.width());
    node.lanes = lanes;
    node.outputs = declaredOutputs(node, 0);
  }
  // A Mix node's lane count is its `voices` argument and does not follow its input.
  for (auto& input : node.inputs) input.rate = inferRate(input);
  // Passes call it after giving a node its inputs: keep the reader index.
  if (index_.readers) inputsChanged(node.id);
}

std::vector<NodeId> Graph::sourcesOf(NodeId node) const {
  std::vector<NodeId> sources;
  for (const auto& input : nodes_[node].inputs)
    for (const auto& lane : input.lanes)
      if (!lane.isConstant()) sources.push_back(lane.node);
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  return sources;
}

std::vector<NodeId> Graph::topologicalOrder() const {
  // Kahn's algorithm over "reads from" edges; the ready node with the smallest id goes first (a heap, so that
  // 100k independent nodes do not cost 100k² comparisons).
  std::vector<std::vector<NodeId>> readers(nodes_.size());
  std::vector<int> pending(nodes_.size(), 0);
  for (const auto& node : nodes_) {
    std::vector<NodeId> sources = sourcesOf(node.id);
    for (NodeId s : sources) readers[s].push_back(node.id);
    pending[node.id] = static_cast<int>(sources.size());
  }
  for (const auto& [writer, reader] : tableOrderEdges()) {
    readers[writer].push_back(reader);
    ++pending[reader];
  }
  std::vector<NodeId> order;
  order.reserve(nodes_.size());
  std::priority_queue<NodeId, std::vector<NodeId>, std::greater<>> ready;
  for (const auto& node : nodes_)
    if (pending[node.id] == 0) ready.push(node.id);
  while (!ready.empty()) {
    NodeId id = ready.top();
    ready.pop();
    order.push_back(id);
    for (NodeId r : readers[id])
      if (--pending[r] == 0) ready.push(r);
  }
  if (order.size() != nodes_.size()) return {};
  return order;
}

std::optional<TableId> tableWrittenBy(const Node& node) {
  if (node.kind != NodeKind::Object || !node.spec) return std::nullopt;
  for (const auto& array : node.arrays)
    if (array.table && array.input < node.spec->inputs.size() && node.spec->inputs[array.input].writes)
      return array.table;
  return std::nullopt;
}

std::vector<std::pair<NodeId, NodeId>> Graph::tableOrderEdges() const {
  std::vector<std::pair<NodeId, NodeId>> edges;
  std::vector<std::vector<NodeId>> writers(tables.size()), readers(tables.size());
  bool anyWriter = false;
  for (const auto& node : nodes_) {
    const std::optional<TableId> written = tableWrittenBy(node);
    if (written && *written < tables.size()) {
      writers[*written].push_back(node.id);
      anyWriter = true;
    }
    for (const auto& array : node.arrays)
      if (array.table && *array.table < tables.size() && array.table != written) readers[*array.table].push_back(node.id);
  }
  if (!anyWriter) return edges;
  for (size_t t = 0; t < tables.size(); ++t)
    for (NodeId w : writers[t])
      for (NodeId r : readers[t])
        if (w != r) edges.emplace_back(w, r);
  return edges;
}

Graph::ReaderIndex& Graph::readerIndex() const {
  if (!index_.readers) {
    auto index = std::make_unique<ReaderIndex>();
    index->readers.resize(nodes_.size());
    index->sources.resize(nodes_.size());
    for (const auto& node : nodes_) {
      index->sources[node.id] = sourcesOf(node.id);
      for (NodeId s : index->sources[node.id]) index->readers[s].push_back(node.id);
    }
    index_.readers.value = std::move(index);
  }
  return *index_.readers.value;
}

void Graph::reindexSources(NodeId reader, const std::vector<NodeId>& cleared) {
  auto wasCleared = [&](NodeId n) { return std::binary_search(cleared.begin(), cleared.end(), n); };
  auto& index = readerIndex();
  std::vector<NodeId> now = sourcesOf(reader);
  std::vector<NodeId>& before = index.sources[reader];
  // Both ascending: walk them together.
  size_t i = 0, j = 0;
  while (i < before.size() || j < now.size()) {
    if (j == now.size() || (i < before.size() && before[i] < now[j])) {
      NodeId gone = before[i++];
      if (wasCleared(gone)) continue;  // its reader list was emptied by the caller
      auto& list = index.readers[gone];
      auto it = std::find(list.begin(), list.end(), reader);
      if (it != list.end()) {
        *it = list.back();
        list.pop_back();
      }
    } else if (i == before.size() || now[j] < before[i]) {
      index.readers[now[j++]].push_back(reader);
    } else {
      if (wasCleared(before[i])) index.readers[before[i]].push_back(reader);  // still reads it
      ++i;
      ++j;
    }
  }
  before = std::move(now);
}

void Graph::inputsChanged(NodeId node) {
  if (!index_.readers) return;  // built from the nodes when next needed
  reindexSources(node);
}

std::vector<NodeId> Graph::readersOf(NodeId node) const {
  std::vector<NodeId> readers = readerIndex().readers[node];
  std::sort(readers.begin(), readers.end());
  return readers;
}

std::vector<std::vector<size_t>>& Graph::tapIndex() const {
  if (!index_.taps) {
    auto taps = std::make_unique<std::vector<std::vector<size_t>>>(nodes_.size());
    for (size_t t = 0; t < outputs_.size(); ++t) (*taps)[outputs_[t].node].push_back(t);
    index_.taps.value = std::move(taps);
  }
  return *index_.taps.value;
}

void Graph::addOutput(OutputTap tap) {
  if (index_.taps) (*index_.taps.value)[tap.node].push_back(outputs_.size());
  outputs_.push_back(std::move(tap));
}

void Graph::removeOutputsOf(NodeId node) {
  if (!hasOutputTap(node)) return;
  outputs_.erase(std::remove_if(outputs_.begin(), outputs_.end(), [node](const OutputTap& t) { return t.node == node; }),
                 outputs_.end());
  index_.taps.reset();
}

void Graph::moveOutputs(NodeId node, NodeId replacement) {
  if (node == replacement) return;
  auto& taps = tapIndex();
  if (taps[node].empty()) return;
  for (size_t t : taps[node]) outputs_[t].node = replacement;
  auto& to = taps[replacement];
  std::vector<size_t> merged;
  merged.reserve(to.size() + taps[node].size());
  std::merge(to.begin(), to.end(), taps[node].begin(), taps[node].end(), std::back_inserter(merged));
  to = std::move(merged);
  taps[node].clear();
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
  control.renumber(dead, newId);
  nodes_ = std::move(kept);
  // Every id changed: the indexes are rebuilt when next needed (the same work as renumbering them).
  index_.readers.reset();
  index_.taps.reset();
}

std::string Graph::indexProblem() const {
  if (index_.readers) {
    const auto& index = *index_.readers.value;
    if (index.readers.size() != nodes_.size() || index.sources.size() != nodes_.size())
      return fmt::format("the reader index has {} nodes, the graph {}", index.readers.size(), nodes_.size());
    size_t edges = 0;
    for (const auto& node : nodes_) {
      if (index.sources[node.id] != sourcesOf(node.id))
        return fmt::format("the reader index has stale sources for node {}", node.id);
      edges += index.sources[node.id].size();
    }
    size_t listed = 0;
    for (const auto& node : nodes_)
      for (NodeId r : index.readers[node.id]) {
        const auto& s = index.sources[r];
        if (!std::binary_search(s.begin(), s.end(), node.id))
          return fmt::format("the reader index says node {} reads node {}, which it does not", r, node.id);
        ++listed;
      }
    if (listed != edges) return fmt::format("the reader index lists {} readings, the graph has {}", listed, edges);
  }
  if (index_.taps) {
    const auto& taps = *index_.taps.value;
    if (taps.size() != nodes_.size()) return "the tap index does not cover every node";
    size_t listed = 0;
    for (const auto& node : nodes_) {
      for (size_t t : taps[node.id])
        if (t >= outputs_.size() || outputs_[t].node != node.id)
          return fmt::format("the tap index has a stale tap for node {}", node.id);
      listed += taps[node.id].size();
      if (!std::is_sorted(taps[node.id].begin(), taps[node.id].end()))
        return fmt::format("the tap index of node {} is out of order", node.id);
    }
    if (listed != outputs_.size()) return "the tap index misses a tap";
  }
  return "";
}

}  // namespace patchc::ir
