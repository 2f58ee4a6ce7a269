#include "codegen/StateMap.h"

#include <map>
#include <string>

namespace patchc::codegen {

std::vector<StateCopy> carriedState(const ModuleInfo& from, const ModuleInfo& to) {
  std::map<std::string, const ModuleInfo::NodeState*> before;
  // Each lane of the old module: its node and index.
  std::map<std::string, std::pair<const ModuleInfo::NodeState*, size_t>> lanesBefore;
  for (const auto& node : from.nodes) {
    before.emplace(node.identity, &node);
    for (size_t lane = 0; lane < node.laneIdentities.size(); ++lane)
      lanesBefore.emplace(node.laneIdentities[lane], std::make_pair(&node, lane));
  }
  std::vector<StateCopy> copies;
  for (const auto& node : to.nodes) {
    // The whole node: its state and its last block.
    auto it = before.find(node.identity);
    if (it != before.end()) {
      const ModuleInfo::NodeState& old = *it->second;
      if (old.stateBytes == node.stateBytes && old.bufferBytes == node.bufferBytes &&
          old.configuration == node.configuration) {
        if (node.stateBytes > 0) copies.push_back({old.stateOffset, node.stateOffset, node.stateBytes});
        if (node.bufferBytes > 0) copies.push_back({old.bufferOffset, node.bufferOffset, node.bufferBytes});
        continue;
      }
    }
    // Else lane by lane, wherever the lane was (fused with others, or alone): its state only (its last block
    // starts silent, as a new node's does; it is written before it is read unless the node reads itself).
    for (size_t lane = 0; lane < node.laneIdentities.size(); ++lane) {
      auto was = lanesBefore.find(node.laneIdentities[lane]);
      if (was == lanesBefore.end()) continue;
      const auto& [old, oldLane] = was->second;
      if (old->laneStride != node.laneStride || old->laneConfigurations[oldLane] != node.laneConfigurations[lane])
        continue;
      copies.push_back({old->stateOffset + oldLane * old->laneStride, node.stateOffset + lane * node.laneStride,
                        node.laneStride});
    }
  }
  return copies;
}

}  // namespace patchc::codegen
