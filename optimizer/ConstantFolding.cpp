// const-fold — the manual's "control attributes with numbers instead of PyoObjects": a `Sig` that nothing
// writes is its number, arithmetic on numbers is a number (each object that folds declares how, with the
// kernel's own arithmetic: ObjectFacts::fold), and an object multiplied by 0 is its `add`. Readers
// then see constants, which the code generator bakes into the fused callback so coefficient math folds away.
// Exact (an object's output times 0 is 0 for every finite output). Silence propagates too: a subnormal number
// is 0 to the runtime (which flushes them), and an object linear in its one audio input (a filter, a delay, a
// reverb: f(0) = 0 from silence) fed silence outputs its `add`.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <cfloat>
#include <cmath>

namespace patchc::opt {
namespace {

bool isSubnormal(float v) { return v != 0.0f && std::fabs(v) < FLT_MIN; }

// Objects whose output is 0 when their one audio input is: linear in it (declared, and tested per object).
bool silentOnSilence(const ir::Node& node) {
  if (node.kind != ir::NodeKind::Object || !node.spec->facts.linearInInput || node.spec->generator) return false;
  int audioInputs = 0;
  for (const auto& input : node.spec->inputs) audioInputs += input.kind == InputKind::Audio ? 1 : 0;
  return audioInputs == 1;
}

// The value of lane `lane` of the node when it is a compile-time constant.
std::optional<float> constantLane(const ir::Node& node, int lane) {
  auto valueOf = [&](size_t input) -> std::optional<float> {
    const auto& source = node.inputs[input].forLane(lane);
    if (!source.isConstant()) return std::nullopt;
    return source.value;
  };
  auto mul = valueOf(node.mulIndex()), add = valueOf(node.addIndex());
  if (!add) return std::nullopt;
  if (mul && *mul == 0.0f) return *add;  // anything times 0 (a muted object) is its add
  if (silentOnSilence(node)) {
    int audio = audioInputIndex(node);
    auto input = valueOf(static_cast<size_t>(audio));
    if (input && *input == 0.0f) return *add;  // 0 · mul + add, for any finite mul
  }
  if (!mul || node.kind != ir::NodeKind::Object || !node.spec->facts.fold) return std::nullopt;
  ConstantInputs inputs;
  for (size_t k = 0; k < node.spec->inputs.size(); ++k) {
    auto value = valueOf(k);
    if (!value) return std::nullopt;
    inputs.values.push_back(*value);
  }
  std::optional<float> raw = node.spec->facts.fold(inputs);
  // Finite numbers can make inf or NaN (Sig(1e38) * 1e38): such a lane is left to run, as at -O0, where the
  // runtime mutes non-finite samples; a non-finite constant would instead reach every reader's coefficients.
  float value = *raw * *mul + *add;
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

// The remark for a muted (mul 0) or silent object that is not computed.
std::string notComputed(const ir::Node& node, bool muted) {
  if (muted) return fmt::format("{} is multiplied by 0: it is not computed (stop() says so in pyo)", describe(node));
  return fmt::format("{} is silent: its input is silence and it is linear in it, so it is not computed",
                     describe(node));
}

}  // namespace

bool ConstantFolding::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  // Subnormal numbers: the callback runs with denormals-are-zero, so they read as 0; saying so here lets
  // silence propagate below.
  for (auto& node : graph.nodes()) {
    if (node.stopped || node.replaced) continue;
    for (auto& input : node.inputs)
      for (auto& lane : input.lanes)
        if (lane.isConstant() && isSubnormal(lane.value)) {
          remarks.passed(name(), node.origin,
                         fmt::format("{:g} is a subnormal number, which the runtime flushes to zero: {} reads 0",
                                     lane.value, describe(node)));
          lane = ir::LaneSource::constant(0.0f);
          changed = true;
        }
  }
  for (auto& node : graph.nodes()) {
    if (node.stopped || !graph.hasReaders(node.id)) continue;
    std::vector<float> values;
    for (int lane = 0; lane < node.lanes; ++lane) {
      auto v = constantLane(node, lane);
      if (!v) break;
      values.push_back(*v);
    }
    if (static_cast<int>(values.size()) != node.lanes) continue;
    graph.replaceUses(node.id, [&](int lane) { return ir::LaneSource::constant(values[static_cast<size_t>(lane)]); });
    if (!graph.hasOutputTap(node.id)) node.replaced = true;
    changed = true;
    bool muted = isConstant(node.inputs[node.mulIndex()], 0.0f);
    if (muted || silentOnSilence(node))
      remarks.passed(name(), node.origin, notComputed(node, muted));
    else if (!(node.kind == ir::NodeKind::Object && node.spec->internal))
      remarks.passed(name(), node.origin,
                     fmt::format("{} is the constant {:g}: its readers use the number", describe(node), values[0]));
  }
  // A muted or silent object sent to the output adds nothing to it: the tap goes, and dce removes what only fed
  // it. Last, so that what the loop above made silent goes too.
  auto& taps = graph.outputs();
  size_t kept = 0;  // the taps that stay, compacted in place (erasing one by one cost taps² for many muted taps)
  for (size_t t = 0; t < taps.size(); ++t) {
    const ir::Node& node = graph.node(taps[t].node);
    bool muted = isConstant(node.inputs[node.mulIndex()], 0.0f) && isConstant(node.inputs[node.addIndex()], 0.0f);
    bool silent = !muted && silentOnSilence(node) && isConstant(node.inputs[node.addIndex()], 0.0f);
    for (int lane = 0; silent && lane < node.lanes; ++lane) silent = constantLane(node, lane) == 0.0f;
    if (muted || silent) {
      remarks.passed(name(), node.origin, notComputed(node, muted));
      if (!graph.hasReaders(node.id)) graph.node(node.id).replaced = true;
      changed = true;
    } else {
      taps[kept++] = taps[t];
    }
  }
  taps.resize(kept);
  return changed;
}

}  // namespace patchc::opt
