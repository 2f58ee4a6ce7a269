// rate-infer — keeps every input's rate (const, control, audio) true to its lanes, and tells the user which
// parameters make an object recompute its coefficients every sample. Constants reach the code generator as
// numbers baked into the callback, where LLVM folds or hoists the coefficient math (the rate specialization of
// DESIGN §4); an audio-rate parameter keeps it per sample.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <algorithm>

namespace patchc::opt {

bool RateInference::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  for (auto& node : graph.nodes()) {
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      auto& input = node.inputs[i];
      ir::Rate rate = ir::inferRate(input);
      if (rate != input.rate) {
        input.rate = rate;
        changed = true;
      }
      bool parameter = node.kind == ir::NodeKind::Object && i < node.spec->inputs.size() &&
                       node.spec->inputs[i].kind == InputKind::Signal && !node.spec->generator;
      // A Param (a value callbacks set) changes between blocks only: the kernel reads it as a constant.
      bool control = std::all_of(input.lanes.begin(), input.lanes.end(), [&](const ir::LaneSource& l) {
        return l.isConstant() || graph.node(l.node).holdsControlValue();
      });
      if (parameter && rate == ir::Rate::Audio && !control)
        remarks.analysis(name(), node.origin,
                         fmt::format("{} recomputes its coefficients every sample because '{}' is an audio signal",
                                     describe(node), node.spec->inputs[i].name));
    }
  }
  return changed;
}

}  // namespace patchc::opt
