// The ORC LLJIT that links a patch's object files (ParallelCompile.h) into a callable `init` and `process` for
// this machine's CPU.
#pragma once

#include "codegen/CodeGen.h"

#include <llvm/ExecutionEngine/Orc/LLJIT.h>

#include <memory>
#include <string>
#include <vector>

namespace patchc::codegen {

using InitFunction = void (*)(void* state);
using ProcessFunction = void (*)(void* state, float** outputs, int frames);

// A target machine for the host CPU (AVX-512 where there is one), as the JIT will use.
std::unique_ptr<llvm::TargetMachine> hostTargetMachine();

class JitPatch {
 public:
  // Links object files made for the host (ParallelCompile.h); returns null and sets `error` on failure.
  static std::unique_ptr<JitPatch> link(std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects, std::string& error);
  InitFunction init() const { return init_; }
  ProcessFunction process() const { return process_; }

 private:
  static std::unique_ptr<JitPatch> finish(std::unique_ptr<llvm::orc::LLJIT> jit, std::string& error);
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  InitFunction init_ = nullptr;
  ProcessFunction process_ = nullptr;
};

}  // namespace patchc::codegen
