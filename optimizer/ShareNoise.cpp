// share-noise (-Ofast only) — the manual's "re-use your generators", taken one step further than cse can go:
// several white noises become one noise scaled for each use. Not exact: the noises become the same noise
// (correlated), which sounds the same where they feed different paths, and the remark says so.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

namespace patchc::opt {

bool ShareNoise::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  auto pairs = shareableNoises(graph);
  if (pairs.empty()) return false;
  // The object that copies its one input (Sig), from the registry the graph's nodes come from.
  const ObjectSpec* copier = registryOf(graph).findIf([](const ObjectSpec& spec) {
    return spec.facts.outputIs == OutputIs::Input && spec.inputs.size() == 1 &&
           (spec.inputs[0].kind == InputKind::Signal || spec.inputs[0].kind == InputKind::Audio);
  });
  if (!copier) return false;
  for (const auto& [shared, id] : pairs) {
    const ir::Node copy = graph.node(id);
    const ir::Node& first = graph.node(shared);
    float ratio = *uniformConstant(copy.inputs[copy.mulIndex()]) / *uniformConstant(first.inputs[first.mulIndex()]);
    // The later noise becomes Sig(shared noise, mul=ratio): same samples, its own level.
    ir::Node& replacement = graph.add(ir::NodeKind::Object, copier, copy.lanes, copy.origin);
    replacement.name = copy.name;
    ir::Signal source;
    for (int lane = 0; lane < copy.lanes; ++lane) source.lanes.push_back(ir::LaneSource::of(shared, lane));
    replacement.inputs = {source, ir::Signal::constant(ratio), ir::Signal::constant(0.0f)};
    graph.updateShape(replacement);
    ir::NodeId replacementId = replacement.id;
    graph.replaceNode(id, replacementId);
    graph.node(id).replaced = true;
    changed = true;
    remarks.passed(name(), copy.origin,
                   fmt::format("{} now uses the noise of {}: one noise generator instead of two (approximation: the "
                               "two uses now hear the same noise)",
                               describe(copy), describe(graph.node(shared))));
  }
  return changed;
}

}  // namespace patchc::opt
