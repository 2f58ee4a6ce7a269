// gain-fold — the manual's "leave mul and add at their defaults": amplitude control belongs in one place.
// Rules, each exact up to float rounding (a linear object L has L(g·x) = g·L(x)):
//   unity:      x * 1, x / 1, x + 0, x - 0, 1 * x, 0 + x        →  x
//   into-mul:   (x * c), x read only there                      →  x with mul·c, add·c
//   through:    L(S) where S has a constant gain g, add 0, and every reader of S is linear in S
//                                                               →  S with mul 1, each reader with mul·g
//   sum:        S1 + S2 with the same constant gain g on both   →  (S1 + S2)·g, the sources at gain 1
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

namespace patchc::opt {
namespace {

bool isInternal(const ir::Node& node) { return node.kind == ir::NodeKind::Object && node.spec->internal; }

// A node whose output is `gain` times its "raw" output, with nothing added: constant mul, add 0.
std::optional<float> constantGain(const ir::Node& node) {
  if (!isConstant(node.inputs[node.addIndex()], 0.0f)) return std::nullopt;
  return uniformConstant(node.inputs[node.mulIndex()]);
}

void scaleConstant(ir::Signal& signal, float factor) {
  for (auto& lane : signal.lanes) lane.value *= factor;
}

// Whether `reader` reads `source` only through inputs in which it is linear (its Audio inputs, or a Mix's input).
bool readsLinearly(const ir::Node& reader, ir::NodeId source) {
  bool linear = reader.kind == ir::NodeKind::Mix || reader.spec->facts.linearInInput;
  if (!linear) return false;
  // Add and Sub are linear only when both operands scale together: handled by the `sum` rule instead.
  if (isOp(reader, "Add") || isOp(reader, "Sub")) return false;
  if (!uniformConstant(reader.inputs[reader.mulIndex()])) return false;
  for (size_t i = 0; i < reader.inputs.size(); ++i) {
    bool audio = reader.kind == ir::NodeKind::Mix ? i == 0 : i < reader.spec->inputs.size() &&
                                                                 reader.spec->inputs[i].kind == InputKind::Audio;
    for (const auto& lane : reader.inputs[i].lanes)
      if (!lane.isConstant() && lane.node == source && !audio) return false;
  }
  return true;
}

bool unity(ir::Graph& graph, ir::Node& node) {
  if (!isInternal(node) || node.replaced) return false;
  if (!isConstant(node.inputs[node.mulIndex()], 1.0f) || !isConstant(node.inputs[node.addIndex()], 0.0f))
    return false;
  const std::string& op = node.spec->name;
  int keep = -1;
  if ((op == "Mul" || op == "Div") && isConstant(node.inputs[1], 1.0f)) keep = 0;
  if ((op == "Add" || op == "Sub") && isConstant(node.inputs[1], 0.0f)) keep = 0;
  if (op == "Mul" && isConstant(node.inputs[0], 1.0f)) keep = 1;
  if (op == "Add" && isConstant(node.inputs[0], 0.0f)) keep = 1;
  if (keep < 0) return false;
  ir::Signal kept = node.inputs[static_cast<size_t>(keep)];
  if (graph.hasOutputTap(node.id)) {
    // Taps read whole nodes: they can move to the kept operand only when it is one, lane for lane.
    auto source = wholeNode(graph, kept);
    if (!source || graph.node(*source).lanes != node.lanes) return false;
    graph.moveOutputs(node.id, *source);
  }
  graph.replaceUses(node.id, [&](int lane) { return kept.forLane(lane); });
  node.replaced = true;
  return true;
}

bool intoMul(ir::Graph& graph, ir::Node& node, Remarks& remarks, const char* pass) {
  if (!isOp(node, "Mul") || graph.hasOutputTap(node.id)) return false;
  auto gain = constantGain(node);
  if (!gain) return false;
  for (size_t operand : {size_t{0}, size_t{1}}) {
    auto factor = uniformConstant(node.inputs[1 - operand]);
    auto source = wholeNode(graph, node.inputs[operand]);
    if (!factor || !source || *source == node.id || node.inputs[operand].width() != node.lanes) continue;
    ir::Node& x = graph.node(*source);
    if (graph.readersOf(x.id).size() != 1 || graph.hasOutputTap(x.id)) continue;
    if (!uniformConstant(x.inputs[x.mulIndex()]) || !x.inputs[x.addIndex()].isConstant()) continue;
    float c = *factor * *gain;
    scaleConstant(x.inputs[x.mulIndex()], c);
    scaleConstant(x.inputs[x.addIndex()], c);
    ir::NodeId kept = x.id;
    graph.replaceUses(node.id, [&](int lane) { return ir::LaneSource::of(kept, lane); });
    if (!isInternal(x))
      remarks.passed(pass, x.origin, fmt::format("the multiplication by {:g} is now {}'s mul", c, describe(x)));
    return true;
  }
  return false;
}

bool through(ir::Graph& graph, ir::Node& source, Remarks& remarks, const char* pass) {
  auto gain = constantGain(source);
  if (!gain || *gain == 1.0f || graph.hasOutputTap(source.id)) return false;
  auto readers = graph.readersOf(source.id);
  if (readers.empty()) return false;
  for (ir::NodeId r : readers)
    if (r == source.id || !readsLinearly(graph.node(r), source.id)) return false;
  float g = *gain;
  source.inputs[source.mulIndex()] = ir::Signal::constant(1.0f);
  for (ir::NodeId r : readers) scaleConstant(graph.node(r).inputs[graph.node(r).mulIndex()], g);
  if (!isInternal(source)) {
    const ir::Node& first = graph.node(readers[0]);
    remarks.passed(pass, source.origin,
                   readers.size() == 1
                       ? fmt::format("the mul={:g} of {} moved into the mul of {}: one multiply instead of two", g,
                                     describe(source), describe(first))
                       : fmt::format("the mul={:g} of {} moved into the mul of its {} linear readers", g,
                                     describe(source), readers.size()));
  }
  return true;
}

bool sum(ir::Graph& graph, ir::Node& node) {
  if (!isOp(node, "Add") && !isOp(node, "Sub")) return false;
  if (!uniformConstant(node.inputs[node.mulIndex()])) return false;
  auto a = wholeNode(graph, node.inputs[0]), b = wholeNode(graph, node.inputs[1]);
  if (!a || !b || *a == *b) return false;
  ir::Node& na = graph.node(*a);
  ir::Node& nb = graph.node(*b);
  auto ga = constantGain(na), gb = constantGain(nb);
  if (!ga || !gb || *ga != *gb || *ga == 1.0f) return false;
  for (const ir::Node* n : {&na, &nb})
    if (graph.readersOf(n->id).size() != 1 || graph.hasOutputTap(n->id)) return false;
  float g = *ga;
  na.inputs[na.mulIndex()] = ir::Signal::constant(1.0f);
  nb.inputs[nb.mulIndex()] = ir::Signal::constant(1.0f);
  scaleConstant(node.inputs[node.mulIndex()], g);
  return true;
}

}  // namespace

bool GainFolding::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (ir::NodeId id : graph.topologicalOrder()) {
    ir::Node& node = graph.node(id);
    if (node.stopped) continue;
    changed = unity(graph, node) || changed;
    changed = intoMul(graph, node, remarks, name()) || changed;
    changed = sum(graph, node) || changed;
    changed = through(graph, node, remarks, name()) || changed;
  }
  return changed;
}

}  // namespace patchc::opt
