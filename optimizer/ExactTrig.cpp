// exact-trig (-O2) — the manual's "avoid trigonometric computation", where it costs no precision: a Sin or Cos
// whose argument provably stays within a few radians (ValueRange.h: Linseg's breakpoints, oscillators, gains)
// uses the polynomial sine, whose error there (3.1e-7 + 1.8e-7·|x|, stdlib/kernels/KernelMath.h) is below 1e-6,
// instead of a libm call per sample that keeps the loop from vectorizing. Where the argument is not bounded, or
// for Sine → FastSine (error 0.0011), it says what -Ofast would do instead.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"
#include "optimizer/ValueRange.h"

#include <fmt/format.h>

namespace patchc::opt {
namespace {
// The polynomial sine's bound for an argument of |x| radians (the same bound fast-trig states and the kernel
// tests check), and the largest error this pass accepts as exact.
double polynomialSineError(double radians) { return 3.1e-7 + 1.8e-7 * radians; }
constexpr double kExactError = 1e-6;
}  // namespace

bool ExactTrig::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (auto& node : graph.nodes()) {
    if (node.stopped || node.replaced) continue;
    if (isOp(node, "Sine")) {
      remarks.missed(name(), node.origin,
                     fmt::format("{} keeps its exact sine (error 2.5e-7); -Ofast's fast-trig would compute it by "
                                 "FastSine's polynomial (error 0.0011)", describe(node)));
      continue;
    }
    if (!isOp(node, "Sin") && !isOp(node, "Cos")) continue;
    int fast = node.spec->inputIndex("fast");
    if (fast < 0 || isConstant(node.inputs[static_cast<size_t>(fast)], 1.0f)) continue;
    auto range = valueRange(graph, node.inputs[0]);
    if (!range) {
      remarks.missed(name(), node.origin,
                     fmt::format("{} calls libm every sample: nothing bounds its argument; -Ofast's fast-trig would "
                                 "use the polynomial sine, within 3.1e-7 + 1.8e-7·|x|", describe(node)));
      continue;
    }
    double error = polynomialSineError(range->magnitude());
    if (error > kExactError) {
      remarks.missed(name(), node.origin,
                     fmt::format("{} calls libm every sample: its argument, within {} rad, is too large for the "
                                 "polynomial sine to stay below {:g} (it would be {:.2g}; -Ofast uses it anyway)",
                                 describe(node), text(*range), kExactError, error));
      continue;
    }
    node.inputs[static_cast<size_t>(fast)] = ir::Signal::constant(1.0f);
    changed = true;
    remarks.passed(name(), node.origin,
                   fmt::format("{} computed by the polynomial sine instead of libm: its argument stays within {} "
                               "rad, where the error is at most {:.2g}", describe(node), text(*range), error));
  }
  return changed;
}

}  // namespace patchc::opt
