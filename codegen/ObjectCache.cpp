#include "codegen/ObjectCache.h"

namespace patchc::codegen {

const llvm::MemoryBuffer* ObjectCache::find(const std::string& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  it->second.used = true;
  ++hits_;
  return it->second.object.get();
}

void ObjectCache::insert(const std::string& key, std::unique_ptr<llvm::MemoryBuffer> object) {
  ++misses_;
  entries_[key] = {std::move(object), true};
}

void ObjectCache::endCompile() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (!it->second.used) {
      it = entries_.erase(it);
    } else {
      it->second.used = false;
      ++it;
    }
  }
  lastHits_ = hits_;
  lastMisses_ = misses_;
  hits_ = misses_ = 0;
}

}  // namespace patchc::codegen
