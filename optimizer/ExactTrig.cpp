// exact-trig (-O2) — the manual's "avoid trigonometric computation", where it costs no precision: an object with
// an approximation switch (ObjectFacts::approximationSwitch: Sin, Cos and their polynomial sine) whose argument
// provably stays small (ValueRange.h: Linseg's breakpoints, oscillators, gains) switches to the approximation
// where its declared error bound there (3.1e-7 + 1.8e-7·|x| for the polynomial sine, checked by the kernel
// tests) is below 1e-6, instead of a libm call per sample that keeps the loop from vectorizing. Where the
// argument is not bounded, or for an object only a substitute approximates (Sine → FastSine, error 0.0011), it
// says what -Ofast would do instead.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"
#include "optimizer/ValueRange.h"

#include <fmt/format.h>

namespace patchc::opt {
namespace {
// The largest error this pass accepts as exact.
constexpr double kExactError = 1e-6;
}  // namespace

bool ExactTrig::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (auto& node : graph.nodes()) {
    if (node.kind != ir::NodeKind::Object || node.stopped || node.replaced) continue;
    const ObjectFacts& facts = node.spec->facts;
    if (const auto& substitute = facts.substitute) {
      remarks.missed(name(), node.origin,
                     fmt::format("{} keeps its {} (error {}); -Ofast's fast-trig would compute it by {} (error {})",
                                 describe(node), substitute->exact, quoted(substitute->exactError),
                                 substitute->approximation, quoted(substitute->error)));
      continue;
    }
    const auto& approximation = facts.approximationSwitch;
    int argument = audioInputIndex(node);
    if (!approximation || argument < 0 || isConstant(node.inputs[approximation->input], 1.0f)) continue;
    auto range = valueRange(graph, node.inputs[static_cast<size_t>(argument)]);
    if (!range) {
      remarks.missed(name(), node.origin,
                     fmt::format("{} calls {} every sample: nothing bounds its argument; -Ofast's fast-trig would "
                                 "use {}, within {}", describe(node), approximation->exact,
                                 approximation->approximation, quoted(approximation->error)));
      continue;
    }
    double error = approximation->error.at(range->magnitude());
    if (error > kExactError) {
      remarks.missed(name(), node.origin,
                     fmt::format("{} calls {} every sample: its argument, within {} {}, is too large for {} to stay "
                                 "below {:g} (it would be {:.2g}; -Ofast uses it anyway)",
                                 describe(node), approximation->exact, text(*range), approximation->inputUnit,
                                 approximation->approximation, kExactError, error));
      continue;
    }
    node.inputs[approximation->input] = ir::Signal::constant(1.0f);
    changed = true;
    remarks.passed(name(), node.origin,
                   fmt::format("{} computed by {} instead of {}: its argument stays within {} {}, where the error "
                               "is at most {:.2g}", describe(node), approximation->approximation, approximation->exact,
                               text(*range), approximation->inputUnit, error));
  }
  return changed;
}

}  // namespace patchc::opt
