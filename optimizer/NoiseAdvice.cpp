// noise-advice (-O2) — the manual's "re-use your generators" where it is not exact: cse already computes equal
// deterministic objects once, but two white noises are two different random sequences, and sharing one makes
// them the same (correlated) noise. This pass changes nothing; it names each noise -Ofast's share-noise would
// share, and why -O2 does not.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

namespace patchc::opt {

bool NoiseAdvice::run(ir::Graph& graph, Remarks& remarks) {
  std::optional<ir::NodeId> first;
  for (ir::NodeId id : graph.topologicalOrder()) {
    const ir::Node& node = graph.node(id);
    if (!isOp(node, "Noise") || node.stopped || node.replaced) continue;
    // The noises share-noise would take: a constant, non-zero gain and no offset (ShareNoise.cpp).
    auto gain = uniformConstant(node.inputs[node.mulIndex()]);
    if (!gain || *gain == 0.0f || !isConstant(node.inputs[node.addIndex()], 0.0f)) continue;
    if (!first) {
      first = id;
      continue;
    }
    if (graph.node(*first).lanes < node.lanes) continue;
    const ir::Node& shared = graph.node(*first);
    remarks.missed(name(), node.origin,
                   fmt::format("{} stays a noise generator of its own: sharing the noise of the {} on line {} "
                               "(re-using a generator) would make them the same noise; -Ofast's share-noise does",
                               describe(node), describe(shared), shared.origin.begin.line));
  }
  return false;
}

}  // namespace patchc::opt
