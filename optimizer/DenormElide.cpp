// denorm-elide — the manual's "check for denormal numbers": patchc's runtime runs with flush-to-zero and
// denormals-are-zero, so an object declared a denormal guard (`Denorm(x)`) is x, and so is a sum with a term that
// the value-range analysis bounds below 1e-15 (`x + Noise(1e-24)`, `x + noise * 1e-24`): that term is at least
// 10^15 below full scale, under the float rounding of any audible signal.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"
#include "optimizer/ValueRange.h"

#include <fmt/format.h>

#include <cmath>

namespace patchc::opt {
namespace {

constexpr float kTiny = 1e-15f;

// A node whose output varies but never exceeds kTiny in magnitude: a noise or an oscillator at a tiny gain. A
// constant (Sig(1e-40)) is const-fold's: a subnormal one folds to 0, and silence then propagates.
bool isTiny(const ir::Graph& graph, ir::NodeId node) {
  auto range = valueRange(graph, wholeSignal(graph, node));
  return range && range->magnitude() <= kTiny && range->low != range->high;
}

// A recursive object whose feedback gain is 0 has no tail to protect.
bool feedsBack(const ir::Node& node) {
  const auto& through = node.spec->facts.feedsBackThrough;
  return node.spec->facts.recursive && !(through && isConstant(node.inputs[*through], 0.0f));
}

}  // namespace

bool DenormElide::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (auto& node : graph.nodes()) {
    // The tip applied with no Denorm in sight: what pyo's manual would protect, the runtime protects.
    if (node.kind == ir::NodeKind::Object && !node.stopped && !node.replaced && feedsBack(node))
      remarks.passed(name(), node.origin,
                     fmt::format("{} feeds back on itself: when its input falls silent, its tail decays through "
                                 "subnormal numbers, which the manual keeps out with Denorm; patchc's callback "
                                 "flushes them to zero instead, at no cost", describe(node)));
    if (node.kind != ir::NodeKind::Object || node.stopped || node.replaced) continue;
    bool unity = isConstant(node.inputs[node.mulIndex()], 1.0f) && isConstant(node.inputs[node.addIndex()], 0.0f);
    if (!unity || graph.hasOutputTap(node.id)) continue;
    std::optional<ir::Signal> kept;
    std::string what;
    const ObjectFacts& facts = node.spec->facts;
    if (facts.denormalGuard) {
      kept = node.inputs[static_cast<size_t>(audioInputIndex(node))];
      what = node.opName();
    } else if (facts.outputIs == OutputIs::SumOfInputs && node.spec->inputs.size() == 2) {
      for (size_t k : {size_t{0}, size_t{1}}) {
        auto tiny = wholeNode(graph, node.inputs[k]);
        if (tiny && isTiny(graph, *tiny) && node.inputs[1 - k].width() == node.lanes) {
          kept = node.inputs[1 - k];
          what = fmt::format("adding {}", describe(graph.node(*tiny)));
          break;
        }
      }
    }
    if (!kept) continue;
    ir::Signal signal = *kept;
    graph.replaceUses(node.id, [&](int lane) { return signal.forLane(lane); });
    node.replaced = true;
    changed = true;
    remarks.passed(name(), node.origin,
                   fmt::format("{} is not needed: patchc's runtime flushes denormal numbers to zero", what));
  }
  return changed;
}

}  // namespace patchc::opt
