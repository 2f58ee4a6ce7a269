#include "optimizer/ValueRange.h"

#include "optimizer/GraphQueries.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace patchc::opt {
namespace {

using Range = std::optional<ValueRange>;

constexpr int kMaxDepth = 32;  // graphs are acyclic; the cap only bounds the work on very deep chains

Range join(const Range& a, const Range& b) {
  if (!a || !b) return std::nullopt;
  return ValueRange{std::min(a->low, b->low), std::max(a->high, b->high)};
}

Range add(const Range& a, const Range& b) {
  if (!a || !b) return std::nullopt;
  return ValueRange{a->low + b->low, a->high + b->high};
}

Range negate(const Range& a) {
  if (!a) return std::nullopt;
  return ValueRange{-a->high, -a->low};
}

Range multiply(const Range& a, const Range& b) {
  if (!a || !b) return std::nullopt;
  const float p[] = {a->low * b->low, a->low * b->high, a->high * b->low, a->high * b->high};
  return ValueRange{*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}

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

// The object's own output before mul and add.
Range objectRange(const ir::Graph& graph, const ir::Node& node, int lane, int depth, Memo& memo) {
  auto input = [&](size_t k) { return laneRange(graph, node.inputs[k].forLane(lane), depth + 1, memo); };
  const std::string& op = node.spec->name;
  if (op == "Sine" || op == "SineLoop" || op == "FastSine" || op == "Noise") return ValueRange{-1.0f, 1.0f};
  if (op == "Fader") return ValueRange{0.0f, 1.0f};
  if (op == "Sig") return input(0);
  if (op == "Add") return add(input(0), input(1));
  if (op == "Sub") return add(input(0), negate(input(1)));
  if (op == "Mul") return multiply(input(0), input(1));
  if (op == "Linseg") {
    // Breakpoints (time, value): the output moves between the values, and is 0 before play().
    const auto* points = node.arrayFor(0);
    if (!points || points->lanes.empty()) return std::nullopt;
    const auto& values = points->lanes[static_cast<size_t>(lane) % points->lanes.size()];
    ValueRange r{0.0f, 0.0f};
    for (size_t i = 1; i < values.size(); i += 2) r = {std::min(r.low, values[i]), std::max(r.high, values[i])};
    return r;
  }
  return std::nullopt;
}

Range laneRange(const ir::Graph& graph, const ir::LaneSource& source, int depth, Memo& memo) {
  if (source.isConstant()) return ValueRange{source.value, source.value};
  if (depth > kMaxDepth) return std::nullopt;
  const ir::Node& node = graph.node(source.node);
  if (node.kind != ir::NodeKind::Object || node.stopped) return std::nullopt;
  auto key = std::make_tuple(source.node, source.lane, depth);
  if (auto known = memo.find(key); known != memo.end()) return known->second;
  Range own = objectRange(graph, node, source.lane, depth, memo);
  Range mul = laneRange(graph, node.inputs[node.mulIndex()].forLane(source.lane), depth + 1, memo);
  Range offset = laneRange(graph, node.inputs[node.addIndex()].forLane(source.lane), depth + 1, memo);
  Range result = add(multiply(own, mul), offset);
  if (result && (!std::isfinite(result->low) || !std::isfinite(result->high))) result = std::nullopt;
  memo.emplace(key, result);
  return result;
}

}  // namespace

float ValueRange::magnitude() const { return std::max(std::fabs(low), std::fabs(high)); }

std::string ValueRange::text() const { return fmt::format("[{:.4g}, {:.4g}]", low, high); }

std::optional<ValueRange> valueRange(const ir::Graph& graph, const ir::Signal& signal) {
  Memo memo;
  return signalRange(graph, signal, 0, memo);
}

}  // namespace patchc::opt
