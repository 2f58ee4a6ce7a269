#include "codegen/StateMap.h"

#include <cstring>
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
    if (node.stateBytes > 0) copies.push_back({old.stateOffset, node.stateOffset, node.stateBytes});
    if (node.bufferBytes > 0) copies.push_back({old.bufferOffset, node.bufferOffset, node.bufferBytes});
  }
  return copies;
}

void applyStateCopies(const std::vector<StateCopy>& copies, const void* fromState, void* toState) {
  for (const auto& c : copies)
    std::memcpy(static_cast<char*>(toState) + c.to, static_cast<const char*>(fromState) + c.from, c.bytes);
}

}  // namespace patchc::codegen
