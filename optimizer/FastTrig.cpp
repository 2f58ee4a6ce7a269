// fast-trig (-Ofast only) — the manual's "use approximations if absolute precision is not needed" and "avoid
// trigonometric computation": an object with an approximation switch (Sin, Cos: the polynomial sine instead of
// libm) turns it on, and an object with a declared substitute (Sine → FastSine at quality 1, when its phase is a
// constant) becomes that object, each with the error bound its declaration states (Registry.h's ObjectFacts).
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <cmath>

namespace patchc::opt {
namespace {

// The substitute's inputs made from the node's, or the input of the node that must be a constant and is not.
std::vector<ir::Signal> substituteInputs(const ir::Node& node, const ObjectSpec& target, const Substitute& substitute,
                                         std::string& notConstant) {
  std::vector<ir::Signal> inputs;
  for (const auto& spec : target.inputs) {
    ir::Signal value = ir::Signal::constant(spec.defaultValue.value_or(0.0f));
    for (const auto& mapping : substitute.inputs) {
      if (mapping.name != spec.name) continue;
      if (mapping.from.empty()) {
        value = ir::Signal::constant(mapping.value);
        break;
      }
      const ir::Signal& source = node.inputs[static_cast<size_t>(node.spec->inputIndex(mapping.from))];
      if (mapping.constantOnly) {
        auto constant = uniformConstant(source);
        if (!constant) {
          notConstant = mapping.from;
          return {};
        }
        value = ir::Signal::constant(*constant);
      } else {
        value = source;
      }
      break;
    }
    inputs.push_back(value);
  }
  inputs.push_back(node.inputs[node.mulIndex()]);
  inputs.push_back(node.inputs[node.addIndex()]);
  return inputs;
}

}  // namespace

bool FastTrig::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (auto& node : graph.nodes()) {
    if (node.kind != ir::NodeKind::Object || node.stopped || node.replaced) continue;
    const ObjectFacts& facts = node.spec->facts;
    if (const auto& approximation = facts.approximationSwitch) {
      if (isConstant(node.inputs[approximation->input], 1.0f)) continue;
      node.inputs[approximation->input] = ir::Signal::constant(1.0f);
      changed = true;
      remarks.passed(name(), node.origin,
                     fmt::format("{} computed by {}: error at most {} for an input of x {} ({} at |x| = 150)",
                                 node.opName(), approximation->approximation, quoted(approximation->error),
                                 approximation->inputUnit, quoted(approximation->error.at(150.0), 1)));
      continue;
    }
    const auto& substitute = facts.substitute;
    if (!substitute) continue;
    const ObjectSpec* target = registryOf(graph).find(substitute->object);
    if (!target) continue;
    std::string notConstant;
    std::vector<ir::Signal> inputs = substituteInputs(node, *target, *substitute, notConstant);
    if (!notConstant.empty()) {
      remarks.missed(name(), node.origin, fmt::format("{} keeps its {}: its {} is a signal", describe(node),
                                                      substitute->exact, notConstant));
      continue;
    }
    const std::string original = node.opName();
    node.spec = target;
    node.inputs = std::move(inputs);
    // The same lanes: a node may have more lanes than its inputs are wide (`Sine(mul=[a, b]).range(...)` keeps
    // pyo's two streams after range() made its mul one number), and its readers read them all.
    const int lanes = node.lanes;
    graph.updateShape(node);
    node.lanes = lanes;
    changed = true;
    float gain = uniformConstant(node.inputs[node.mulIndex()]).value_or(1.0f);
    remarks.passed(name(), node.origin,
                   fmt::format("{} computed by {}: error at most {} of full scale ({:.0f} dB), {:.2g} at this mul",
                               original, substitute->approximation, quoted(substitute->error),
                               20 * std::log10(substitute->error),
                               static_cast<float>(substitute->error) * std::fabs(gain)));
  }
  return changed;
}

}  // namespace patchc::opt
