// noise-advice (-O2) — the manual's "re-use your generators" where it is not exact: cse already computes equal
// deterministic objects once, but two white noises are two different random sequences, and sharing one makes
// them the same (correlated) noise. This pass changes nothing; it names each noise -Ofast's share-noise would
// share, and why -O2 does not.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

namespace patchc::opt {

bool NoiseAdvice::run(ir::Graph& graph, Remarks& remarks) {
  for (const auto& [first, id] : shareableNoises(graph)) {
    const ir::Node& shared = graph.node(first);
    remarks.missed(name(), graph.node(id).origin,
                   fmt::format("{} stays a noise generator of its own: sharing the noise of the {} on line {} "
                               "(re-using a generator) would make them the same noise; -Ofast's share-noise does",
                               describe(graph.node(id)), describe(shared), shared.origin.begin.line));
  }
  return false;
}

}  // namespace patchc::opt
