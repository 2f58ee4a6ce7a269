// lane-fuse — pyo's multichannel expansion, applied to objects the user made one by one: objects of the same op at
// the same depth of the graph, which therefore do not depend on each other (24 Allpass2 made in a loop, say),
// become one object with the lanes of all of them.
// The code generator then compiles the op once instead of 24 times and runs its lanes in one loop (in vectors,
// for lane-block kernels). Every lane computes what it computed before, in the same order: exact.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace patchc::opt {
namespace {

// The shortest repeating pattern of a signal's lanes: a node's whole output repeated per fused object reads
// back as the node itself, which the code generator addresses without a table.
ir::Signal shortestPeriod(ir::Signal signal) {
  const int w = signal.width();
  for (int p = 1; p < w; ++p) {
    if (w % p != 0) continue;
    bool periodic = true;
    for (int i = p; i < w && periodic; ++i) periodic = signal.lanes[static_cast<size_t>(i)] == signal.lanes[static_cast<size_t>(i % p)];
    if (periodic) {
      signal.lanes.resize(static_cast<size_t>(p));
      break;
    }
  }
  signal.rate = ir::inferRate(signal);
  return signal;
}

// Taps of consecutive lanes that continue each other's channel order are one tap: lane firstLane + i of the
// merged tap still goes to channel (firstChannel + i) % channels.
void mergeTaps(ir::Graph& graph, ir::NodeId node) {
  auto& taps = graph.outputs();
  const int channels = graph.server.channels;
  const int lanes = graph.node(node).lanes;
  for (size_t a = 0; a < taps.size(); ++a) {
    if (taps[a].node != node || taps[a].whole()) continue;
    for (size_t b = a + 1; b < taps.size();) {
      auto& first = taps[a];
      const auto& next = taps[b];
      if (next.node == node && !next.whole() && next.firstLane == first.firstLane + first.laneCount &&
          next.firstChannel == (first.firstChannel + first.laneCount) % channels) {
        first.laneCount += next.laneCount;
        taps.erase(taps.begin() + static_cast<long>(b));
      } else {
        ++b;
      }
    }
    if (taps[a].firstLane == 0 && taps[a].laneCount == lanes) taps[a].laneCount = 0;  // every lane: a whole tap
  }
}

}  // namespace

bool LaneFusion::run(ir::Graph& graph, Remarks& remarks) {
  auto order = graph.topologicalOrder();
  // depth[id]: the longest path from a node that reads no node. Nodes of equal depth never read each other, and
  // every edge goes from a lower depth to a higher one, so fusing only nodes of equal depth leaves the graph
  // acyclic. (Fusing any pairwise independent nodes does not: with A → C and B → D, fusing {A, D} and {B, C}
  // makes each fused node read the other.)
  std::vector<int> depth(graph.size(), 0);
  for (ir::NodeId id : order)
    for (const auto& input : graph.node(id).inputs)
      for (const auto& lane : input.lanes)
        if (!lane.isConstant()) depth[id] = std::max(depth[id], depth[lane.node] + 1);

  // Groups of the same op at the same depth with the same Constant inputs, in topological order. A lane-block
  // kernel may read a Constant input once per node (FastSine's quality), so only nodes whose Constant inputs are
  // one number each, the same in every member, are fused.
  using Key = std::tuple<const ObjectSpec*, int, std::vector<float>>;
  std::map<Key, std::vector<ir::NodeId>> byOpAndDepth;
  for (ir::NodeId id : order) {
    const ir::Node& node = graph.node(id);
    if (node.kind != ir::NodeKind::Object || node.stopped || node.replaced || !node.arrays.empty() ||
        !node.spec->facts.deterministic)
      continue;
    std::vector<float> constants;
    bool uniform = true;
    for (size_t k = 0; k < node.spec->inputs.size() && uniform; ++k) {
      if (node.spec->inputs[k].kind != InputKind::Constant) continue;
      auto value = uniformConstant(node.inputs[k]);
      uniform = value.has_value();
      if (value) constants.push_back(*value);
    }
    if (!uniform) continue;
    byOpAndDepth[{node.spec, depth[id], constants}].push_back(id);
  }

  bool changed = false;
  for (auto& [key, group] : byOpAndDepth) {
    const ObjectSpec* spec = std::get<0>(key);
    {
      if (group.size() < 2) continue;
      int lanes = 0;
      std::vector<int> offsets;
      for (ir::NodeId member : group) {
        offsets.push_back(lanes);
        lanes += graph.node(member).lanes;
      }
      const ir::Node first = graph.node(group[0]);
      ir::Node& fused = graph.add(ir::NodeKind::Object, spec, lanes, first.origin);
      fused.name = first.name;
      const ir::NodeId fusedId = fused.id;
      std::vector<ir::Signal> inputs(first.inputs.size());
      for (ir::NodeId member : group) {
        const ir::Node& m = graph.node(member);
        for (size_t k = 0; k < m.inputs.size(); ++k)
          for (int j = 0; j < m.lanes; ++j) inputs[k].lanes.push_back(m.inputs[k].forLane(j));
      }
      for (auto& input : inputs) input = shortestPeriod(std::move(input));
      graph.node(fusedId).inputs = std::move(inputs);
      graph.node(fusedId).lanes = lanes;
      for (size_t m = 0; m < group.size(); ++m) {
        const int offset = offsets[m];
        graph.replaceUses(group[m], [&](int lane) { return ir::LaneSource::of(fusedId, offset + lane); });
        for (auto& tap : graph.outputs())
          if (tap.node == group[m]) {
            tap.node = fusedId;
            tap.laneCount = tap.whole() ? graph.node(group[m]).lanes : tap.laneCount;
            tap.firstLane += offset;
          }
        graph.node(group[m]).replaced = true;
      }
      mergeTaps(graph, fusedId);
      changed = true;
      remarks.passed(name(), first.origin,
                     fmt::format("{} {} objects run as one {}[{}]: compiled once, their lanes computed in one loop",
                                 group.size(), spec->name, spec->name, lanes));
    }
  }
  return changed;
}

}  // namespace patchc::opt
