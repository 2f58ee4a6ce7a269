// lane-fuse — pyo's multichannel expansion, applied to objects the user made one by one: objects of the same op at
// the same depth of the graph, which therefore do not depend on each other (24 Allpass2 made in a loop, say),
// become one object with the lanes of all of them.
// The code generator then compiles the op once instead of 24 times and runs its lanes in one loop (in vectors,
// for lane-block kernels). Every lane computes what it computed before, in the same order: exact.
#include "ir/Ahead.h"
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
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
// merged tap still goes to channel (firstChannel + i) % channels. One pass over the taps in order: a tap of a
// fused node joins the earliest earlier tap of that node it continues (what merging the taps pairwise in order
// gives), found through a map from what each open tap continues with instead of by scanning the taps.
void mergeTaps(ir::Graph& graph, const std::vector<bool>& fused) {
  auto& taps = graph.outputs();
  const int channels = graph.server.channels;
  using Continuation = std::tuple<ir::NodeId, int, int>;  // node, first lane and channel of the tap that continues
  std::map<Continuation, std::set<size_t>> open;
  auto continuation = [&](const ir::OutputTap& t) {
    return Continuation{t.node, t.firstLane + t.laneCount, (t.firstChannel + t.laneCount) % channels};
  };
  std::vector<bool> merged(taps.size(), false);
  for (size_t b = 0; b < taps.size(); ++b) {
    const ir::OutputTap& next = taps[b];
    if (!fused[next.node] || next.whole()) continue;
    auto it = open.find(Continuation{next.node, next.firstLane, next.firstChannel});
    if (it == open.end()) {
      open[continuation(next)].insert(b);
      continue;
    }
    size_t a = *it->second.begin();
    it->second.erase(it->second.begin());
    if (it->second.empty()) open.erase(it);
    taps[a].laneCount += next.laneCount;
    merged[b] = true;
    open[continuation(taps[a])].insert(a);
  }
  size_t kept = 0;
  for (size_t t = 0; t < taps.size(); ++t) {
    if (merged[t]) continue;
    auto& tap = taps[t];
    if (fused[tap.node] && tap.firstLane == 0 && tap.laneCount == graph.node(tap.node).lanes)
      tap.laneCount = 0;  // every lane: a whole tap
    taps[kept++] = tap;
  }
  taps.resize(kept);
}

}  // namespace

bool LaneFusion::run(ir::Graph& graph, Remarks& remarks) {
  const auto order = graph.topologicalOrder();
  // depth[id]: the longest path from a node that reads no node. Nodes of equal depth never read each other, and
  // every edge goes from a lower depth to a higher one, so fusing only nodes of one op at one depth leaves the
  // graph acyclic. (Fusing any pairwise independent nodes does not: with A → C and B → D, fusing {A, D} and
  // {B, C} makes each fused node read the other; that holds across ops too.) One pass over the edges.
  std::vector<int> depth(graph.size(), 0);
  for (ir::NodeId id : order)
    for (const auto& input : graph.node(id).inputs)
      for (const auto& lane : input.lanes)
        if (!lane.isConstant()) depth[id] = std::max(depth[id], depth[lane.node] + 1);

  // Groups of the same op at the same depth with the same Constant inputs, in topological order. A lane-block
  // kernel may read a Constant input once per node (FastSine's quality), so only nodes whose Constant inputs are
  // one number each, the same in every member, are fused. Nodes rendered a block ahead of the rest (ir/Ahead.h)
  // fuse only with each other: a fused node is rendered ahead if any member is, and a member outside would then
  // see a handler's change to the Params it reads a block late.
  const std::vector<bool> ahead = ir::renderedAhead(graph);
  using Key = std::tuple<const ObjectSpec*, int, bool, std::vector<float>>;
  std::map<Key, std::vector<ir::NodeId>> byOpAndDepth;
  for (ir::NodeId id : order) {
    const ir::Node& node = graph.node(id);
    if (node.kind != ir::NodeKind::Object || node.stopped || node.replaced || !node.arrays.empty() ||
        !node.spec->facts.deterministic || node.holdsControlValue() ||  // callbacks write Params by node
        node.isWatched() ||                                                  // and watch Watches by lane
        !singleOutput(node))  // its taps and readers address streams, which fused lanes would reorder
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
    byOpAndDepth[{node.spec, depth[id], ahead[id], constants}].push_back(id);
  }
  std::map<const ObjectSpec*, std::vector<std::vector<ir::NodeId>>> groups;
  for (auto& [key, members] : byOpAndDepth) groups[std::get<0>(key)].push_back(std::move(members));

  // Where each fused object's lanes went: its taps follow, in one pass over the taps at the end.
  struct Moved {
    ir::NodeId fused = 0;
    int offset = 0;
  };
  std::vector<std::optional<Moved>> moved(graph.size());
  std::vector<ir::NodeId> members;
  bool changed = false;
  for (auto& [spec, candidates] : groups) {
    for (const auto& group : candidates) {
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
      fused.ahead = first.ahead;  // the members' (grouped by it)
      // Each lane keeps its origin's identity, so that the REPL's hot swap carries its state across compiles
      // that fuse other lanes with it (codegen/StateMap.h).
      std::vector<std::string> laneIdentities;
      for (ir::NodeId member : group)
        for (int j = 0; j < graph.node(member).lanes; ++j) laneIdentities.push_back(graph.node(member).laneIdentity(j));
      fused.swapIdentity = "fused:" + first.swapIdentity;
      // Fused objects are deterministic (they ignore their seed); the first member's keeps the node's code the
      // same when the graph grows (its id does not), so the REPL's object cache finds it.
      fused.seedIndex = first.seedIndex;
      fused.laneIdentities = std::move(laneIdentities);
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
      graph.inputsChanged(fusedId);
      for (size_t m = 0; m < group.size(); ++m) {
        moved[group[m]] = Moved{fusedId, offsets[m]};
        members.push_back(group[m]);
        graph.node(group[m]).replaced = true;
      }
      changed = true;
      remarks.passed(name(), first.origin,
                     fmt::format("{} {} objects run as one {}[{}]: compiled once, their lanes computed in one loop",
                                 group.size(), spec->name, spec->name, lanes));
    }
  }
  if (!changed) return false;
  // Readers of the fused objects read the fused ones, all at once: a reader of many (a Mix of them all) is
  // rewritten once. The same as group by group: members map to distinct lanes, so no input's repeating pattern
  // (shortestPeriod) changes.
  graph.replaceUsesOfEach(members, [&](ir::NodeId member, int lane) {
    return ir::LaneSource::of(moved[member]->fused, moved[member]->offset + lane);
  });
  std::vector<bool> fused(graph.size(), false);
  for (auto& tap : graph.outputs()) {
    if (tap.node >= moved.size() || !moved[tap.node]) continue;
    const Moved& to = *moved[tap.node];
    tap.laneCount = tap.whole() ? graph.node(tap.node).lanes : tap.laneCount;
    tap.firstLane += to.offset;
    tap.node = to.fused;
    fused[to.fused] = true;
  }
  mergeTaps(graph, fused);
  return true;
}

}  // namespace patchc::opt
