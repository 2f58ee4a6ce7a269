// fast-trig (-Ofast only) — the manual's "use approximations if absolute precision is not needed" and "avoid
// trigonometric computation": a Sine whose phase is a constant becomes a FastSine (quality 1), and Sin and Cos
// use the polynomial sine (stdlib KernelMath sinCycles) instead of libm, each with the error it states.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <cmath>

namespace patchc::opt {
namespace {
// FastSine at quality 1: the largest difference from sin() (stdlib/kernels/FastSine.cpp, checked by its tests).
constexpr float kFastSineMaxError = 0.0011f;
}  // namespace

bool FastTrig::run(ir::Graph& graph, Remarks& remarks) {
  const ObjectSpec* fastSine = Registry::builtin().find("FastSine");
  bool changed = false;
  for (auto& node : graph.nodes()) {
    if ((isOp(node, "Sin") || isOp(node, "Cos")) && !node.stopped && !node.replaced) {
      int fast = node.spec->inputIndex("fast");
      if (fast < 0 || isConstant(node.inputs[static_cast<size_t>(fast)], 1.0f)) continue;
      node.inputs[static_cast<size_t>(fast)] = ir::Signal::constant(1.0f);
      changed = true;
      remarks.passed(name(), node.origin,
                     fmt::format("{} computed by the polynomial sine: error at most 3.1e-7 + 1.8e-7·|x| for an "
                                 "input of x radians (3e-5 at |x| = 150)", node.opName()));
      continue;
    }
    if (!isOp(node, "Sine") || node.stopped || node.replaced) continue;
    auto phase = uniformConstant(node.inputs[1]);
    if (!phase) {
      remarks.missed(name(), node.origin, fmt::format("{} keeps its exact sine: its phase is a signal", describe(node)));
      continue;
    }
    // Sine(freq, phase) → FastSine(freq, initphase=phase, quality=1): same inputs by name, mul and add kept.
    std::vector<ir::Signal> inputs;
    for (const auto& spec : fastSine->inputs) {
      if (spec.name == "freq") inputs.push_back(node.inputs[0]);
      else if (spec.name == "initphase") inputs.push_back(ir::Signal::constant(*phase));
      else if (spec.name == "quality") inputs.push_back(ir::Signal::constant(1.0f));
      else inputs.push_back(ir::Signal::constant(spec.defaultValue.value_or(0.0f)));
    }
    inputs.push_back(node.inputs[node.mulIndex()]);
    inputs.push_back(node.inputs[node.addIndex()]);
    node.spec = fastSine;
    node.inputs = std::move(inputs);
    // The same lanes: a node may have more lanes than its inputs are wide (`Sine(mul=[a, b]).range(...)` keeps
    // pyo's two streams after range() made its mul one number), and its readers read them all.
    const int lanes = node.lanes;
    graph.updateShape(node);
    node.lanes = lanes;
    changed = true;
    float gain = uniformConstant(node.inputs[node.mulIndex()]).value_or(1.0f);
    remarks.passed(name(), node.origin,
                   fmt::format("Sine computed by FastSine's polynomial: error at most {:g} of full scale ({:.0f} dB), "
                               "{:.2g} at this mul",
                               kFastSineMaxError, 20 * std::log10(kFastSineMaxError), kFastSineMaxError * std::fabs(gain)));
  }
  return changed;
}

}  // namespace patchc::opt
