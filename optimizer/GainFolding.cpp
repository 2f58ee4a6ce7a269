// gain-fold — the manual's "leave mul and add at their defaults": amplitude control belongs in one place.
// Rules, each exact up to float rounding (a linear object L has L(g·x) = g·L(x)), each applied to whatever
// object declares the fact it needs (Registry.h's ObjectFacts), never to an object by name:
//   unity:      an identity, as x * 1, x / 1, x + 0, x - 0, 1 * x, 0 + x          →  x
//   into-mul:   (x * c) for an object whose output is the product of its inputs, x read only there
//                                                                                 →  x with mul·c, add·c
//   through:    L(S) where S has a constant gain g, add 0, and every reader of S is linear in S
//                                                                                 →  S with mul 1, each reader's
//                                                                                    mul·g on the lanes that read S
//   sum:        L(S1, S2, ...) for L linear in all its Audio inputs together (S1 + S2, S1 - S2), the same
//               constant gain g on every Si                                       →  L(S1, S2, ...)·g, the Si at
//                                                                                    gain 1
// `through` proves its assumption lane by lane: a reader's lane is scaled by g only when every linear input of
// that lane reads S (a Mix lane: every input lane summed into it), is left alone when none does, and the rule
// does not apply when some do and some do not (Mix([a, b]) with a scaled and b not, a + 3) or when a non-linear
// input reads S. A reader whose lanes are scaled unevenly gets a per-lane mul.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <algorithm>

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

bool readsSource(const ir::LaneSource& lane, ir::NodeId source) { return !lane.isConstant() && lane.node == source; }

// For each lane of `reader`, whether it is scaled by g when every lane of `source` is: nullopt when that is not
// a plain scaling for some lane (a non-linear input reads `source`, or a lane reads `source` through some of its
// linear inputs but not all). Its mul must be constant, so that it can take the gain lane by lane.
std::optional<std::vector<bool>> scaledLanes(const ir::Node& reader, ir::NodeId source) {
  if (!reader.inputs[reader.mulIndex()].isConstant()) return std::nullopt;
  std::vector<bool> scaled(static_cast<size_t>(reader.lanes), false);
  if (reader.kind == ir::NodeKind::Mix) {
    // Lane s of the input (s < max(width, lanes), reading lane s % width) is summed into lane s % lanes.
    const ir::Signal& input = reader.inputs[0];
    for (size_t i = 1; i < reader.inputs.size(); ++i)
      for (const auto& lane : reader.inputs[i].lanes)
        if (readsSource(lane, source)) return std::nullopt;
    int sources = std::max(input.width(), reader.lanes);
    std::vector<int> reading(scaled.size(), 0), summed(scaled.size(), 0);
    for (int s = 0; s < sources; ++s) {
      size_t target = static_cast<size_t>(s % reader.lanes);
      ++summed[target];
      if (readsSource(input.forLane(s), source)) ++reading[target];
    }
    for (size_t lane = 0; lane < scaled.size(); ++lane) {
      if (reading[lane] != 0 && reading[lane] != summed[lane]) return std::nullopt;
      scaled[lane] = reading[lane] != 0;
    }
    return scaled;
  }
  if (!reader.spec->facts.linearInInput) return std::nullopt;
  // Linear means linear in all Audio inputs together (Add, Sub): a lane scales only if all of them scale.
  std::vector<size_t> linearInputs;
  for (size_t i = 0; i < reader.inputs.size(); ++i) {
    bool audio = i < reader.spec->inputs.size() && reader.spec->inputs[i].kind == InputKind::Audio;
    if (audio) {
      linearInputs.push_back(i);
      continue;
    }
    for (const auto& lane : reader.inputs[i].lanes)
      if (readsSource(lane, source)) return std::nullopt;
  }
  for (size_t lane = 0; lane < scaled.size(); ++lane) {
    size_t reading = 0;
    for (size_t i : linearInputs)
      if (readsSource(reader.inputs[i].forLane(static_cast<int>(lane)), source)) ++reading;
    if (reading != 0 && reading != linearInputs.size()) return std::nullopt;
    scaled[lane] = reading != 0;
  }
  return scaled;
}

// Multiplies the lanes of `reader`'s constant mul that `scaled` names by `factor`; the mul gets one lane per
// lane of the reader unless every lane is scaled.
void scaleMulLanes(ir::Node& reader, const std::vector<bool>& scaled, float factor) {
  ir::Signal& mul = reader.inputs[reader.mulIndex()];
  if (std::all_of(scaled.begin(), scaled.end(), [](bool s) { return s; })) {
    scaleConstant(mul, factor);
    return;
  }
  ir::Signal perLane;
  for (int lane = 0; lane < reader.lanes; ++lane) {
    float value = mul.forLane(lane).value;
    perLane.lanes.push_back(ir::LaneSource::constant(scaled[static_cast<size_t>(lane)] ? value * factor : value));
  }
  perLane.rate = ir::Rate::Const;
  mul = std::move(perLane);
}

bool unity(ir::Graph& graph, ir::Node& node) {
  if (node.kind != ir::NodeKind::Object || node.replaced) return false;
  if (!isConstant(node.inputs[node.mulIndex()], 1.0f) || !isConstant(node.inputs[node.addIndex()], 0.0f))
    return false;
  const auto& identities = node.spec->facts.identities;
  auto holds = std::find_if(identities.begin(), identities.end(), [&](const Identity& identity) {
    return isConstant(node.inputs[identity.when], identity.value);
  });
  if (holds == identities.end()) return false;
  ir::Signal kept = node.inputs[holds->result];
  if (graph.hasOutputTap(node.id)) {
    // Taps read whole nodes: they can move to the kept operand only when it is one, lane for lane.
    auto source = wholeNode(graph, kept);
    if (!source || graph.node(*source).streams() != node.lanes) return false;
    graph.moveOutputs(node.id, *source);
  }
  graph.replaceUses(node.id, [&](int lane) { return kept.forLane(lane); });
  node.replaced = true;
  return true;
}

bool intoMul(ir::Graph& graph, ir::Node& node, Remarks& remarks, const char* pass) {
  if (node.kind != ir::NodeKind::Object || node.spec->facts.outputIs != OutputIs::ProductOfInputs ||
      node.spec->inputs.size() != 2 || graph.hasOutputTap(node.id))
    return false;
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
    // The product's lane i was the source's stream i (its lane, for a source of one output).
    graph.replaceUses(node.id, [&](int lane) { return graph.node(kept).stream(lane); });
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
  std::vector<std::vector<bool>> scaled;
  for (ir::NodeId r : readers) {
    if (r == source.id) return false;
    auto lanes = scaledLanes(graph.node(r), source.id);
    if (!lanes) return false;
    scaled.push_back(std::move(*lanes));
  }
  float g = *gain;
  source.inputs[source.mulIndex()] = ir::Signal::constant(1.0f);
  for (size_t k = 0; k < readers.size(); ++k) scaleMulLanes(graph.node(readers[k]), scaled[k], g);
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

// An object linear in all its Audio inputs together, of which it has several (Add, Sub): each a whole node of
// its own with the same constant gain, read only here, and no other input reads them.
bool sum(ir::Graph& graph, ir::Node& node) {
  if (node.kind != ir::NodeKind::Object || !node.spec->facts.linearInInput) return false;
  if (!uniformConstant(node.inputs[node.mulIndex()]) || !node.inputs[node.addIndex()].isConstant()) return false;
  std::vector<ir::NodeId> sources;
  for (size_t k = 0; k < node.spec->inputs.size(); ++k) {
    if (node.spec->inputs[k].kind != InputKind::Audio) continue;
    auto source = wholeNode(graph, node.inputs[k]);
    if (!source || std::find(sources.begin(), sources.end(), *source) != sources.end()) return false;
    sources.push_back(*source);
  }
  if (sources.size() < 2) return false;
  for (size_t k = 0; k < node.spec->inputs.size(); ++k)
    if (node.spec->inputs[k].kind != InputKind::Audio)
      for (const auto& lane : node.inputs[k].lanes)
        if (!lane.isConstant() && std::find(sources.begin(), sources.end(), lane.node) != sources.end()) return false;
  auto g = constantGain(graph.node(sources[0]));
  if (!g || *g == 1.0f) return false;
  for (ir::NodeId s : sources) {
    if (constantGain(graph.node(s)) != g) return false;
    if (graph.readersOf(s).size() != 1 || graph.hasOutputTap(s)) return false;
  }
  for (ir::NodeId s : sources) graph.node(s).inputs[graph.node(s).mulIndex()] = ir::Signal::constant(1.0f);
  scaleConstant(node.inputs[node.mulIndex()], *g);
  return true;
}

}  // namespace

bool GainFolding::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (ir::NodeId id : graph.topologicalOrder()) {
    ir::Node& node = graph.node(id);
    if (node.stopped || node.replaced) continue;
    changed = unity(graph, node) || changed;
    changed = intoMul(graph, node, remarks, name()) || changed;
    changed = sum(graph, node) || changed;
    changed = through(graph, node, remarks, name()) || changed;
  }
  return changed;
}

}  // namespace patchc::opt
