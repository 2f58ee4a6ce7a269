// cascade-fuse — the manual's "it is more efficient to use Biquadx(stages=4) than a cascade of four Biquad
// objects with identical arguments": a chain of Biquads with the same freq, q and type, each read only by the
// next, becomes one Biquadx: one coefficient computation, one loop over the stages. Exact (the same
// difference equations in the same order, from the same zero state).
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

namespace patchc::opt {
namespace {

bool sameParameters(const ir::Node& a, const ir::Node& b) {
  for (size_t k = 1; k < 4; ++k)  // freq, q, type
    if (!(a.inputs[k].lanes == b.inputs[k].lanes)) return false;
  return a.lanes == b.lanes;
}

bool unity(const ir::Node& n) {
  return isConstant(n.inputs[n.mulIndex()], 1.0f) && isConstant(n.inputs[n.addIndex()], 0.0f);
}

}  // namespace

bool CascadeFuse::run(ir::Graph& graph, Remarks& remarks) {
  const ObjectSpec* biquadx = Registry::builtin().find("Biquadx");
  if (!biquadx) return false;
  bool changed = false;
  for (ir::NodeId head : graph.topologicalOrder()) {
    if (!isOp(graph.node(head), "Biquad") || graph.node(head).replaced || graph.node(head).stopped) continue;
    // Skip a Biquad that continues a chain: the chain is fused from its first stage.
    if (auto prev = wholeNode(graph, graph.node(head).inputs[0]); prev && isOp(graph.node(*prev), "Biquad") &&
                                                                  sameParameters(graph.node(*prev), graph.node(head)) &&
                                                                  unity(graph.node(*prev)) &&
                                                                  graph.readersOf(*prev).size() == 1 &&
                                                                  !graph.hasOutputTap(*prev))
      continue;
    std::vector<ir::NodeId> chain{head};
    for (;;) {
      const ir::Node& last = graph.node(chain.back());
      if (!unity(last) || graph.hasOutputTap(last.id)) break;
      auto readers = graph.readersOf(last.id);
      if (readers.size() != 1) break;
      const ir::Node& next = graph.node(readers[0]);
      if (!isOp(next, "Biquad") || next.stopped || wholeNode(graph, next.inputs[0]) != last.id ||
          !sameParameters(last, next))
        break;
      chain.push_back(next.id);
    }
    if (chain.size() < 2) continue;
    const ir::Node first = graph.node(chain.front());
    const ir::Node last = graph.node(chain.back());
    ir::Node& fused = graph.add(ir::NodeKind::Object, biquadx, first.lanes, first.origin);
    fused.name = last.name;
    int stagesIndex = biquadx->inputIndex("stages");
    for (const auto& spec : biquadx->inputs) {
      int k = first.spec->inputIndex(spec.name);
      fused.inputs.push_back(k >= 0 ? first.inputs[static_cast<size_t>(k)] : ir::Signal::constant(spec.defaultValue.value_or(0)));
    }
    fused.inputs[static_cast<size_t>(stagesIndex)] = ir::Signal::constant(static_cast<float>(chain.size()));
    fused.inputs.push_back(last.inputs[last.mulIndex()]);
    fused.inputs.push_back(last.inputs[last.addIndex()]);
    graph.updateShape(fused);
    // The chain's lanes (all equal, sameParameters), which may be more than its inputs are wide: a range()
    // after mul=[...] keeps pyo's streams while making mul one number.
    fused.lanes = first.lanes;
    const ir::NodeId fusedId = fused.id;
    graph.replaceNode(last.id, fusedId);
    for (ir::NodeId n : chain) graph.node(n).replaced = true;
    changed = true;
    remarks.passed(name(), first.origin,
                   fmt::format("{} cascaded Biquads with the same freq, q and type are one Biquadx(stages={})",
                               chain.size(), chain.size()));
  }
  return changed;
}

}  // namespace patchc::opt
