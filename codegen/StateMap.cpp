#include "codegen/StateMap.h"

#include <map>
#include <string>

namespace patchc::codegen {

std::vector<StateCopy> carriedState(const ModuleInfo& from, const ModuleInfo& to) {
  std::map<std::string, const ModuleInfo::NodeState*> before;
  for (const auto& node : from.nodes) before.emplace(node.identity, &node);
  std::vector<StateCopy> copies;
  for (const auto& node : to.nodes) {
    auto it = before.find(node.identity);
    if (it == before.end()) continue;
    const ModuleInfo::NodeState& old = *it->second;
    if (old.stateBytes != node.stateBytes || old.bufferBytes != node.bufferBytes) continue;
    if (old.configuration != node.configuration) continue;
    if (node.stateBytes > 0) copies.push_back({old.stateOffset, node.stateOffset, node.stateBytes});
    if (node.bufferBytes > 0) copies.push_back({old.bufferOffset, node.bufferOffset, node.bufferBytes});
  }
  return copies;
}

}  // namespace patchc::codegen
