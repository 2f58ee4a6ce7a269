#include "codegen/ObjectCache.h"

namespace patchc::codegen {

namespace {
std::unique_ptr<llvm::MemoryBuffer> copyOf(const llvm::MemoryBuffer& object) {
  return llvm::MemoryBuffer::getMemBufferCopy(object.getBuffer(), object.getBufferIdentifier());
}
}  // namespace

std::unique_ptr<llvm::MemoryBuffer> ObjectCache::find(const std::string& key, bool* quick) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  it->second.used = true;
  ++hits_;
  if (quick) *quick = !it->second.quickBitcode.empty();
  return copyOf(*it->second.object);
}

void ObjectCache::insert(const std::string& key, std::unique_ptr<llvm::MemoryBuffer> object,
                         llvm::SmallVector<char, 0> bitcode) {
  std::lock_guard lock(mutex_);
  ++misses_;
  entries_[key] = {std::move(object), std::move(bitcode), true};
}

void ObjectCache::endCompile(PatchParts parts) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (!it->second.used) {
      it = entries_.erase(it);
    } else {
      it->second.used = false;
      ++it;
    }
  }
  last_ = std::move(parts);
  lastHits_ = hits_;
  lastMisses_ = misses_;
  hits_ = misses_ = 0;
}

ObjectCache::PatchParts ObjectCache::lastParts() const {
  std::lock_guard lock(mutex_);
  return last_;
}

std::vector<std::pair<std::string, llvm::SmallVector<char, 0>>> ObjectCache::quickUnits() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, llvm::SmallVector<char, 0>>> units;
  for (const auto& [key, entry] : entries_)
    if (!entry.quickBitcode.empty()) units.emplace_back(key, entry.quickBitcode);
  return units;
}

void ObjectCache::upgrade(const std::string& key, std::unique_ptr<llvm::MemoryBuffer> object) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.quickBitcode.empty()) return;
  it->second.object = std::move(object);
  it->second.quickBitcode.clear();
}

std::vector<std::unique_ptr<llvm::MemoryBuffer>> ObjectCache::fullObjects(const PatchParts& parts) const {
  std::lock_guard lock(mutex_);
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects;
  for (const auto& key : parts.keys) {
    auto it = entries_.find(key);
    if (it == entries_.end() || !it->second.quickBitcode.empty()) return {};
    objects.push_back(copyOf(*it->second.object));
  }
  if (!parts.abi) return {};
  objects.push_back(copyOf(*parts.abi));
  return objects;
}

}  // namespace patchc::codegen
