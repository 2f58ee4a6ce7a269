// Machine code kept between compiles of the same session (the REPL): one object file per unit of the module (a
// node's function, a node's init, patch_init, patch_process), under a key that says all that decides its code:
// its IR, its attributes, the constants it reads, the kernels it calls. A statement that leaves a node as it was finds its code here, so
// an edit compiles only what it changed (ParallelCompile.h).
//
// Tiered (the REPL's default): a unit the cache lacks is compiled at the quick tier first (ParallelCompile.h), so
// the edit is heard sooner, and kept here with its bitcode as provisional; upgradeQuickUnits() compiles it again
// at the full level off the edit's path, and the session relinks the patch from fullObjects(). The cache is
// shared by the two: its members lock.
#pragma once

#include <llvm/ADT/SmallVector.h>
#include <llvm/Support/MemoryBuffer.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace patchc::codegen {

class ObjectCache {
public:
  // What a compile through the cache linked: its units' keys in link order and its ABI global's object (compiled
  // every time), and whether any unit was at the quick tier when it was linked.
  struct PatchParts {
    std::vector<std::string> keys;
    std::shared_ptr<const llvm::MemoryBuffer> abi;
    bool quick = false;
  };

  // Misses compile at the quick tier first (see above).
  bool tiered = false;

  // A copy of the object compiled for `key` (counted as a hit), or null; `quick` tells whether it is provisional.
  std::unique_ptr<llvm::MemoryBuffer> find(const std::string& key, bool* quick = nullptr);
  // `bitcode`: for a quick-tier object, the unit to compile again at the full level; empty for a final one.
  void insert(const std::string& key, std::unique_ptr<llvm::MemoryBuffer> object,
              llvm::SmallVector<char, 0> bitcode = {});
  // Ends one compile: records what it linked, and drops the objects it did not use (what a session no longer
  // has), so the cache holds at most the units of the last patch.
  void endCompile(PatchParts parts);
  // What the last compile linked.
  PatchParts lastParts() const;

  // The units at the quick tier, with their bitcode, for upgradeQuickUnits().
  std::vector<std::pair<std::string, llvm::SmallVector<char, 0>>> quickUnits() const;
  // Replaces a quick unit's object by its full-level one (nothing if the unit was dropped meanwhile).
  void upgrade(const std::string& key, std::unique_ptr<llvm::MemoryBuffer> object);
  // Every object `parts` links, when all are at the full level now; empty otherwise.
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> fullObjects(const PatchParts& parts) const;

  // Of the last compile: units found, units compiled.
  int hits() const { return lastHits_; }
  int misses() const { return lastMisses_; }
  // Of the last compile, milliseconds: splitting the module into units and keying them, compiling the missing ones.
  double keyMilliseconds = 0, compileMilliseconds = 0;

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> object;
    llvm::SmallVector<char, 0> quickBitcode;  // non-empty while the object is the quick tier's
    bool used = false;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  PatchParts last_;
  int hits_ = 0, misses_ = 0, lastHits_ = 0, lastMisses_ = 0;
};

}  // namespace patchc::codegen
