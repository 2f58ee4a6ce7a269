#include "optimizer/ValueRange.h"

#include "optimizer/GraphQueries.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace patchc::opt {
namespace {

constexpr int kMaxDepth = 32;  // graphs are acyclic; the cap only bounds the work on very deep chains

// Ranges already computed in one query, by (node, lane, depth): a node read along many paths (x = x + x, thirty
// times) is analysed once per depth instead of once per path (2^30). The depth is part of the key so that the
// answer is the one the uncached recursion gives.
using Memo = std::map<std::tuple<ir::NodeId, int, int>, Range>;

Range laneRange(const ir::Graph& graph, const ir::LaneSource& source, int depth, Memo& memo);

Range signalRange(const ir::Graph& graph, const ir::Signal& signal, int depth, Memo& memo) {
  if (signal.lanes.empty()) return std::nullopt;
  Range result = laneRange(graph, signal.lanes[0], depth, memo);
  for (size_t i = 1; i < signal.lanes.size() && result; ++i)
    result = join(result, laneRange(graph, signal.lanes[i], depth, memo));
  return result;
}

// The object's own output before mul and add, as its declaration states it.
Range objectRange(const ir::Graph& graph, const ir::Node& node, int lane, int depth, Memo& memo) {
  const auto& declared = node.spec->facts.outputRange;
  if (!declared) return std::nullopt;
  RangeQuery query;
  query.input = [&](size_t k) { return laneRange(graph, node.inputs[k].forLane(lane), depth + 1, memo); };
  query.array = [&](size_t k) -> std::optional<std::span<const float>> {
    const auto* numbers = node.arrayFor(k);
    if (!numbers || numbers->lanes.empty()) return std::nullopt;
    if (numbers->table && graph.tables.at(*numbers->table).written) return std::nullopt;  // changes while playing
    if (numbers->assignedWhilePlaying()) return std::nullopt;                               // handlers assign it
    const auto& values = numbers->lanes[static_cast<size_t>(lane) % numbers->lanes.size()];
    return std::span<const float>(values.data(), values.size());
  };
  return declared(query);
}

Range laneRange(const ir::Graph& graph, const ir::LaneSource& source, int depth, Memo& memo) {
  if (source.isConstant()) return Interval::point(source.value);
  if (depth > kMaxDepth) return std::nullopt;
  const ir::Node& node = graph.node(source.node);
  if (node.kind != ir::NodeKind::Object || node.stopped) return std::nullopt;
  auto key = std::make_tuple(source.node, source.lane, depth);
  if (auto known = memo.find(key); known != memo.end()) return known->second;
  Range own = objectRange(graph, node, source.lane, depth, memo);
  Range mul = laneRange(graph, node.inputs[node.mulIndex()].forLane(source.lane), depth + 1, memo);
  Range offset = laneRange(graph, node.inputs[node.addIndex()].forLane(source.lane), depth + 1, memo);
  Range result = sum(product(own, mul), offset);
  if (result && (!std::isfinite(result->low) || !std::isfinite(result->high))) result = std::nullopt;
  memo.emplace(key, result);
  return result;
}

}  // namespace

std::string text(const Interval& range) { return fmt::format("[{:.4g}, {:.4g}]", range.low, range.high); }

std::optional<Interval> valueRange(const ir::Graph& graph, const ir::Signal& signal) {
  Memo memo;
  return signalRange(graph, signal, 0, memo);
}

}  // namespace patchc::opt
