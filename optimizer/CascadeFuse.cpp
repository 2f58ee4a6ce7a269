// cascade-fuse — the manual's "it is more efficient to use Biquadx(stages=4) than a cascade of four Biquad
// objects with identical arguments": a chain of instances of an object that declares a cascade (ObjectFacts::
// cascade: Biquad → Biquadx), with the same values of the inputs it names, each read only by the next, becomes
// one instance of the cascade object: one coefficient computation, one loop over the stages. Exact (the same
// difference equations in the same order, from the same zero state; tests/unit/stdlib/FactsTest checks it).
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

namespace patchc::opt {
namespace {

// Whether `next` continues a chain of `previous`: the same object, read through its Audio input, the same lanes
// and the same values of the inputs the cascade names.
bool continues(const ir::Graph& graph, const ir::Node& previous, const ir::Node& next) {
  if (previous.kind != ir::NodeKind::Object || next.kind != ir::NodeKind::Object || next.spec != previous.spec ||
      !previous.spec->facts.cascade || next.stopped)
    return false;
  const Cascade& cascade = *previous.spec->facts.cascade;
  if (wholeNode(graph, next.inputs[static_cast<size_t>(audioInputIndex(next))]) != previous.id) return false;
  for (const auto& name : cascade.sameInputs) {
    auto k = static_cast<size_t>(previous.spec->inputIndex(name));
    if (!(previous.inputs[k].lanes == next.inputs[k].lanes)) return false;
  }
  return previous.lanes == next.lanes;
}

bool unity(const ir::Node& n) {
  return isConstant(n.inputs[n.mulIndex()], 1.0f) && isConstant(n.inputs[n.addIndex()], 0.0f);
}

// The chain may go on after `n`: its output is read by one object only, and scaled by nothing.
bool feedsOnlyTheNext(const ir::Graph& graph, const ir::Node& n) {
  return unity(n) && graph.readersOf(n.id).size() == 1 && !graph.hasOutputTap(n.id);
}

// "freq, q and type"
std::string listed(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return text;
}

}  // namespace

bool CascadeFuse::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (ir::NodeId head : graph.topologicalOrder()) {
    {
      const ir::Node& node = graph.node(head);
      if (node.kind != ir::NodeKind::Object || !node.spec->facts.cascade || node.replaced || node.stopped) continue;
      // Skip an instance that continues a chain: the chain is fused from its first stage.
      auto prev = wholeNode(graph, node.inputs[static_cast<size_t>(audioInputIndex(node))]);
      if (prev && continues(graph, graph.node(*prev), node) &&
          feedsOnlyTheNext(graph, graph.node(*prev)))
        continue;
    }
    std::vector<ir::NodeId> chain{head};
    for (;;) {
      const ir::Node& last = graph.node(chain.back());
      if (!feedsOnlyTheNext(graph, last)) break;
      const ir::Node& next = graph.node(graph.readersOf(last.id)[0]);
      if (!continues(graph, last, next)) break;
      chain.push_back(next.id);
    }
    if (chain.size() < 2) continue;
    const ir::Node first = graph.node(chain.front());
    const ir::Node last = graph.node(chain.back());
    const Cascade& cascade = *first.spec->facts.cascade;
    const ObjectSpec* fusedSpec = registryOf(graph).find(cascade.object);
    if (!fusedSpec) continue;
    ir::Node& fused = graph.add(ir::NodeKind::Object, fusedSpec, first.lanes, first.origin);
    fused.name = last.name;
    for (const auto& spec : fusedSpec->inputs) {
      int k = first.spec->inputIndex(spec.name);
      fused.inputs.push_back(k >= 0 ? first.inputs[static_cast<size_t>(k)] : ir::Signal::constant(spec.defaultValue.value_or(0)));
    }
    fused.inputs[static_cast<size_t>(fusedSpec->inputIndex(cascade.countInput))] =
        ir::Signal::constant(static_cast<float>(chain.size()));
    fused.inputs.push_back(last.inputs[last.mulIndex()]);
    fused.inputs.push_back(last.inputs[last.addIndex()]);
    graph.updateShape(fused);
    // The chain's lanes (all equal, continues()), which may be more than its inputs are wide: a range() after
    // mul=[...] keeps pyo's streams while making mul one number.
    fused.lanes = first.lanes;
    const ir::NodeId fusedId = fused.id;
    graph.replaceNode(last.id, fusedId);
    for (ir::NodeId n : chain) graph.node(n).replaced = true;
    changed = true;
    remarks.passed(name(), first.origin,
                   fmt::format("{} cascaded {}s with the same {} are one {}({}={})", chain.size(), first.opName(),
                               listed(cascade.sameInputs), fusedSpec->name, cascade.countInput, chain.size()));
  }
  return changed;
}

}  // namespace patchc::opt
