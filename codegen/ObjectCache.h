// Machine code kept between compiles of the same session (the REPL): one object file per unit of the module (a
// node's function, a node's init, patch_init, patch_process), under a key that says all that decides its code:
// its IR, its attributes, the constants it reads, the kernels it calls. A statement that leaves a node as it was finds its code here, so
// an edit compiles only what it changed (ParallelCompile.h).
#pragma once

#include <llvm/Support/MemoryBuffer.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace patchc::codegen {

class ObjectCache {
public:
  // The object compiled for `key`, or null.
  const llvm::MemoryBuffer* find(const std::string& key);
  void insert(const std::string& key, std::unique_ptr<llvm::MemoryBuffer> object);
  // Ends one compile: drops the objects it did not use (what a session no longer has), so the cache holds
  // at most the units of the last patch.
  void endCompile();

  // Of the last compile: units found, units compiled.
  int hits() const { return lastHits_; }
  int misses() const { return lastMisses_; }
  // Of the last compile, milliseconds: splitting the module into units and keying them, compiling the missing ones.
  double keyMilliseconds = 0, compileMilliseconds = 0;

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> object;
    bool used = false;
  };
  std::map<std::string, Entry> entries_;
  int hits_ = 0, misses_ = 0, lastHits_ = 0, lastMisses_ = 0;
};

}  // namespace patchc::codegen
