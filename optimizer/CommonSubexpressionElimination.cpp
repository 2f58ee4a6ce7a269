// cse — the manual's "re-use your generators": two deterministic objects with the same op and the same inputs
// compute the same samples, so one of them is enough. Exact. Noise is not deterministic: two Noise objects are
// two noises (share-noise merges them under -Ofast).
#include "ir/Ahead.h"
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <bit>
#include <tuple>
#include <unordered_map>

namespace patchc::opt {
namespace {

// Everything that decides a node's samples.
struct NodeKey {
  ir::NodeKind kind;
  const ObjectSpec* spec;
  int lanes;
  std::vector<std::vector<std::tuple<int, float, ir::NodeId, int, int>>> inputs;
  std::vector<std::pair<size_t, std::vector<ir::SampleArray>>> arrays;  // shared: compared by hash, not copied
  // The tables written while the patch plays that the node reads: same first samples, different tables.
  std::vector<ir::TableId> writtenTables;
  // Rendered a block ahead of the rest (ir/Ahead.h): with the same inputs, a node there reads a Param a handler
  // sets a block later than one outside.
  bool ahead;
  bool operator==(const NodeKey& other) const {
    return std::tie(kind, spec, lanes, inputs, arrays, writtenTables, ahead) ==
           std::tie(other.kind, other.spec, other.lanes, other.inputs, other.arrays, other.writtenTables, other.ahead);
  }
};

// A hash table, not a tree: a tree compares whole keys O(log n) times per node, which grew faster than the
// patch (100k outputs: 17 times the time of 10k). Equal keys hash equally: 0 and -0 compare equal, so both hash
// as 0.
struct NodeKeyHash {
  size_t operator()(const NodeKey& key) const {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    auto mix = [&h](uint64_t v) { h = (h ^ v) * 0xBF58476D1CE4E5B9ull; h ^= h >> 31; };
    mix(static_cast<uint64_t>(key.kind));
    mix(reinterpret_cast<uintptr_t>(key.spec));
    mix(static_cast<uint64_t>(key.lanes));
    for (const auto& input : key.inputs) {
      mix(input.size());
      for (const auto& [kind, value, node, lane, output] : input) {
        mix(static_cast<uint64_t>(kind));
        mix(value == 0.0f ? 0u : std::bit_cast<uint32_t>(value));
        mix((static_cast<uint64_t>(node) << 32) | static_cast<uint32_t>(lane));
        mix(static_cast<uint64_t>(output));
      }
    }
    for (const auto& [input, lanes] : key.arrays) {
      mix(input);
      for (const auto& array : lanes) mix(array.hash());
    }
    return static_cast<size_t>(h);
  }
};

NodeKey keyOf(const ir::Graph& graph, const ir::Node& node, bool ahead) {
  NodeKey key{node.kind, node.spec, node.lanes, {}, {}, {}, ahead};
  for (const auto& input : node.inputs) {
    // (kind, value, node, lane, output): two readers of different outputs of one node read different signals.
    std::vector<std::tuple<int, float, ir::NodeId, int, int>> lanes;
    for (const auto& l : input.lanes)
      lanes.emplace_back(static_cast<int>(l.kind), l.isConstant() ? l.value : 0.0f, l.isConstant() ? 0 : l.node,
                         l.isConstant() ? 0 : l.lane, l.isConstant() ? 0 : l.output);
    key.inputs.push_back(std::move(lanes));
  }
  for (const auto& a : node.arrays) {
    key.arrays.emplace_back(a.input, a.lanes);
    if (a.table && graph.tables.at(*a.table).written) key.writtenTables.push_back(*a.table);
  }
  return key;
}

}  // namespace

bool CommonSubexpressionElimination::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  std::unordered_map<NodeKey, ir::NodeId, NodeKeyHash> seen;
  const std::vector<bool> ahead = ir::renderedAhead(graph);
  for (ir::NodeId id : graph.topologicalOrder()) {
    ir::Node& node = graph.node(id);
    if (node.stopped || node.replaced) continue;
    if ((node.kind == ir::NodeKind::Object && !node.spec->facts.deterministic) || node.holdsControlValue() ||
        node.isWatched() || ir::tableWrittenBy(node) || node.hasArrayAssignedWhilePlaying())
      continue;  // two noises are two sequences; two Params two values the callbacks set apart; two writers write
                 // twice; a Watch is where the control program looks; handlers assign lists one node at a time
    auto [it, inserted] = seen.emplace(keyOf(graph, node, ahead[id]), id);
    if (inserted) continue;
    ir::NodeId kept = it->second;
    graph.replaceNode(id, kept);  // the same samples, also summed into the same channels
    node.replaced = true;  // now unread: dce removes it
    changed = true;
    const ir::Node& first = graph.node(kept);
    bool sameLine = first.origin.begin.line == node.origin.begin.line &&
                    first.origin.begin.column == node.origin.begin.column;
    if (!(node.kind == ir::NodeKind::Object && node.spec->internal))
      remarks.passed(name(), node.origin,
                     sameLine ? fmt::format("{} made here again computes the same samples as the first one: it is "
                                            "computed once", describe(node))
                              : fmt::format("{} computes the same samples as {} ({}:{}): it is computed once",
                                            describe(node), describe(first), first.origin.begin.line,
                                            first.origin.begin.column));
  }
  return changed;
}

}  // namespace patchc::opt
