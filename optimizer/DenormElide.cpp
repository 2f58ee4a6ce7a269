// denorm-elide — the manual's "check for denormal numbers": patchc's runtime runs with flush-to-zero and
// denormals-are-zero, so `Denorm(x)` and `x + Noise(1e-24)` (or `x + noise * 1e-24`) are x. The noise they add
// is at least 10^15 below full scale, under the float rounding of any audible signal.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <cmath>

namespace patchc::opt {
namespace {

constexpr float kTiny = 1e-15f;

// A node whose output never exceeds kTiny in magnitude: a bounded generator (noise, oscillator) at a tiny gain,
// or such a generator times a tiny constant.
bool isTiny(const ir::Graph& graph, const ir::Node& node) {
  if (node.kind != ir::NodeKind::Object || !isConstant(node.inputs[node.addIndex()], 0.0f)) return false;
  auto mul = uniformConstant(node.inputs[node.mulIndex()]);
  if (!mul) return false;
  if (node.spec->generator && node.spec->bipolar) return std::fabs(*mul) <= kTiny;
  if (isOp(node, "Mul") && std::fabs(*mul) <= 1.0f) {
    for (size_t k : {size_t{0}, size_t{1}}) {
      auto c = uniformConstant(node.inputs[k]);
      auto other = wholeNode(graph, node.inputs[1 - k]);
      if (!c || !other) continue;
      const ir::Node& g = graph.node(*other);
      auto gmul = uniformConstant(g.inputs[g.mulIndex()]);
      if (g.kind == ir::NodeKind::Object && g.spec->generator && g.spec->bipolar && gmul &&
          isConstant(g.inputs[g.addIndex()], 0.0f) && std::fabs(*c * *gmul * *mul) <= kTiny)
        return true;
    }
  }
  return false;
}

}  // namespace

bool DenormElide::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (auto& node : graph.nodes()) {
    // The tip applied with no Denorm in sight: what pyo's manual would protect, the runtime protects.
    if (node.kind == ir::NodeKind::Object && !node.stopped && !node.replaced && node.spec->facts.recursive) {
      int feedback = node.spec->inputIndex("feedback");
      bool feedsBack = !(isOp(node, "Delay") && feedback >= 0 && isConstant(node.inputs[static_cast<size_t>(feedback)], 0.0f));
      if (feedsBack)
        remarks.passed(name(), node.origin,
                       fmt::format("{} feeds back on itself: when its input falls silent, its tail decays through "
                                   "subnormal numbers, which the manual keeps out with Denorm; patchc's callback "
                                   "flushes them to zero instead, at no cost", describe(node)));
    }
    if (node.kind != ir::NodeKind::Object || node.stopped || node.replaced) continue;
    bool unity = isConstant(node.inputs[node.mulIndex()], 1.0f) && isConstant(node.inputs[node.addIndex()], 0.0f);
    if (!unity || graph.hasOutputTap(node.id)) continue;
    std::optional<ir::Signal> kept;
    std::string what;
    if (isOp(node, "Denorm")) {
      kept = node.inputs[0];
      what = "Denorm";
    } else if (isOp(node, "Add")) {
      for (size_t k : {size_t{0}, size_t{1}}) {
        auto tiny = wholeNode(graph, node.inputs[k]);
        if (tiny && isTiny(graph, graph.node(*tiny)) && node.inputs[1 - k].width() == node.lanes) {
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
