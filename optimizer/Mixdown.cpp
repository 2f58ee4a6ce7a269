// mixdown — the manual's "mix down before applying effects". An effect N that is linear and time-invariant in
// its input, whose L lanes are only ever summed into K < L groups (by `out()` into channels, or by one `mix(K)`),
// and whose parameters are equal on the lanes of each group, gives the same sum when it runs K times on the
// summed inputs: Σ N(x_i) = N(Σ x_i). So N[L] becomes Mix[K] → N[K]. Exact up to float rounding; state starts
// at zero in both, so the equality holds from the first sample.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <algorithm>

namespace patchc::opt {
namespace {

// How N's lanes are summed: lane i goes to group i % groups. Either N's output taps (groups = channels) or a
// single Mix reader (groups = its voices).
struct Summation {
  int groups = 0;
  std::optional<ir::NodeId> mix;  // the Mix that sums N, when it is not the output taps
};

std::optional<Summation> howSummed(const ir::Graph& graph, const ir::Node& node, std::string& why) {
  auto readers = graph.readersOf(node.id);
  bool tapped = graph.hasOutputTap(node.id);
  for (size_t t : graph.outputsOf(node.id))
    if (!graph.outputs()[t].whole()) {
      why = "its lanes go to the output in parts";
      return std::nullopt;
    }
  if (tapped && readers.empty()) return Summation{graph.server.channels, std::nullopt};
  if (!tapped && readers.size() == 1) {
    const ir::Node& reader = graph.node(readers[0]);
    if (reader.kind == ir::NodeKind::Mix && wholeNode(graph, reader.inputs[0]) == node.id)
      return Summation{reader.lanes, reader.id};
    why = fmt::format("its lanes are read one by one by {}", describe(reader));
    return std::nullopt;
  }
  why = tapped ? "its lanes go both to the output and to other objects"
               : fmt::format("its lanes are read by {} objects", readers.size());
  return std::nullopt;
}

}  // namespace

bool Mixdown::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  // Readers first: mixing down an effect can make the effect before it summed in turn.
  auto order = graph.topologicalOrder();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const ir::NodeId id = *it;
    {
      const ir::Node& node = graph.node(id);
      if (node.kind != ir::NodeKind::Object || node.stopped || node.replaced || node.lanes < 2) continue;
      if (!singleOutput(node)) continue;  // its lanes' outputs are summed in other groups than its lanes
      int audio = audioInputIndex(node);
      if (audio < 0 || node.spec->internal || !node.arrays.empty()) continue;
      std::string why;
      auto summed = howSummed(graph, node, why);
      int groups = summed ? std::min(summed->groups, node.lanes) : 0;
      if (!summed || groups >= node.lanes) {
        if (!summed && node.spec->facts.linearInInput)
          remarks.missed(name(), node.origin, fmt::format("{} runs {} times: {}", describe(node), node.lanes, why));
        continue;
      }
      // An object linear in several Audio inputs together (Interp) would need each of them summed; the rewrite
      // sums one and keeps the others as parameters, which counts them once per group instead of once per lane.
      const auto audioInputs = std::count_if(node.spec->inputs.begin(), node.spec->inputs.end(),
                                             [](const InputSpec& input) { return input.kind == InputKind::Audio; });
      if (audioInputs > 1) {
        remarks.missed(name(), node.origin,
                       fmt::format("{} runs {} times although its lanes are summed into {}: it has {} audio inputs, "
                                   "and mixdown sums only one",
                                   describe(node), node.lanes, groups, audioInputs));
        continue;
      }
      if (!node.spec->facts.linearInInput || !node.spec->facts.timeInvariant) {
        remarks.missed(name(), node.origin,
                       fmt::format("{} runs {} times although its lanes are summed into {}: it is not linear in its "
                                   "input, so the sum of its outputs is not its output of the sum",
                                   describe(node), node.lanes, groups));
        continue;
      }
      // Every parameter (and mul) must be the same on all lanes of a group; adds are summed.
      std::string differs;
      for (size_t k = 0; k < node.inputs.size() && differs.empty(); ++k) {
        if (static_cast<int>(k) == audio || k == node.addIndex()) continue;
        for (int i = groups; i < node.lanes && differs.empty(); ++i)
          if (!(node.inputs[k].forLane(i) == node.inputs[k].forLane(i % groups)))
            differs = k == node.mulIndex() ? "mul" : node.spec->inputs[k].name;
      }
      if (differs.empty() && !node.inputs[node.addIndex()].isConstant()) differs = "add";
      if (!differs.empty()) {
        remarks.missed(name(), node.origin,
                       fmt::format("{} runs {} times: its '{}' differs between lanes that are summed together",
                                   describe(node), node.lanes, differs));
        continue;
      }
      if (summed->mix) {
        const ir::Node& mix = graph.node(*summed->mix);
        if (!uniformConstant(mix.inputs[mix.mulIndex()]) || !mix.inputs[mix.addIndex()].isConstant()) {
          remarks.missed(name(), node.origin, fmt::format("{} runs {} times: the mix after it has a signal as its mul",
                                                          describe(node), node.lanes));
          continue;
        }
      }
    }
    // Build Mix[K] of the effect's input, then the effect on K lanes.
    const ir::Node original = graph.node(id);  // a copy: adding nodes moves the node vector
    const int audio = audioInputIndex(original);
    std::string why;
    const Summation summed = *howSummed(graph, original, why);
    const int groups = std::min(summed.groups, original.lanes);

    ir::Node& mix = graph.add(ir::NodeKind::Mix, nullptr, groups, original.origin);
    ir::Signal input;
    for (int i = 0; i < original.lanes; ++i) input.lanes.push_back(original.inputs[static_cast<size_t>(audio)].forLane(i));
    mix.inputs = {input, ir::Signal::constant(1.0f), ir::Signal::constant(0.0f)};
    graph.updateShape(mix);
    const ir::NodeId mixId = mix.id;

    ir::Node& effect = graph.add(ir::NodeKind::Object, original.spec, groups, original.origin);
    effect.name = original.name;
    const ir::NodeId effectId = effect.id;
    for (size_t k = 0; k < original.inputs.size(); ++k) {
      ir::Signal s;
      for (int j = 0; j < groups; ++j) s.lanes.push_back(original.inputs[k].forLane(j));
      // One lane read by every group stays one lane: the code generator then reads it once.
      if (std::all_of(s.lanes.begin(), s.lanes.end(), [&](const ir::LaneSource& l) { return l == s.lanes[0]; }))
        s.lanes.resize(1);
      effect.inputs.push_back(s);
    }
    effect.inputs[static_cast<size_t>(audio)] = wholeSignal(graph, mixId);
    // Σ (N(x_i)·m + a_i) over a group = N(Σ x_i)·m + Σ a_i.
    ir::Signal adds;
    for (int j = 0; j < groups; ++j) {
      float total = 0;
      for (int i = j; i < original.lanes; i += groups) total += original.inputs[original.addIndex()].forLane(i).value;
      adds.lanes.push_back(ir::LaneSource::constant(total));
    }
    effect.inputs[original.addIndex()] = adds;
    graph.updateShape(effect);
    effect.lanes = groups;

    if (summed.mix) {
      // The effect's K lanes are the Mix's K lanes: readers and taps of the Mix read the effect, through the
      // Mix's own mul and add.
      ir::Node& oldMix = graph.node(*summed.mix);
      if (!oldMix.name.empty()) graph.node(effectId).name = oldMix.name;  // it now holds what the name held
      float m = *uniformConstant(oldMix.inputs[oldMix.mulIndex()]);
      ir::Node& e = graph.node(effectId);
      for (auto& lane : e.inputs[e.mulIndex()].lanes) lane.value *= m;
      for (int j = 0; j < groups; ++j) {
        auto& add = e.inputs[e.addIndex()].lanes[static_cast<size_t>(j)];  // one lane per group, from above
        add.value = add.value * m + oldMix.inputs[oldMix.addIndex()].forLane(j).value;
      }
      graph.replaceNode(*summed.mix, effectId);
      oldMix.replaced = true;
    } else {
      graph.replaceNode(id, effectId);  // only taps read it (howSummed)
    }
    graph.node(id).replaced = true;
    changed = true;
    remarks.passed(name(), original.origin,
                   fmt::format("{} runs {} instead of {}: it is linear in its input and its parameters are equal "
                               "on all lanes that are summed together, so the lanes are summed first",
                               original.opName(), groups == 1 ? "once" : fmt::format("{} times", groups),
                               original.lanes));
    remarks.analysis(name(), original.origin,
                     fmt::format("{} lanes of {} saved: about {:.0f}% of its cost", original.lanes - groups,
                                 original.opName(), 100.0 * (original.lanes - groups) / original.lanes));
  }
  return changed;
}

}  // namespace patchc::opt
