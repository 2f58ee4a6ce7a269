#include "ir/Ahead.h"

namespace patchc::ir {

std::vector<bool> renderedAhead(const Graph& graph) {
  std::vector<bool> ahead(graph.size(), false);
  std::vector<NodeId> work = graph.control.watchedNodes();
  for (const auto& node : graph.nodes())
    if (node.ahead) work.push_back(node.id);
  while (!work.empty()) {
    const NodeId id = work.back();
    work.pop_back();
    if (ahead[id]) continue;
    ahead[id] = true;
    // A stopped node computes nothing and outputs silence: what it would read does not reach the watched stream
    // (and dce, which makes its readers read zeros, must not move a node out of the set: found by difffuzz).
    if (graph.node(id).stopped) continue;
    for (const auto& input : graph.node(id).inputs)
      for (const auto& lane : input.lanes)
        if (!lane.isConstant()) work.push_back(lane.node);
  }
  return ahead;
}

void markRenderedAhead(Graph& graph) {
  const std::vector<bool> ahead = renderedAhead(graph);
  for (NodeId id = 0; id < graph.size(); ++id) graph.node(id).ahead = ahead[id];
}

}  // namespace patchc::ir
