// The ORC LLJIT that links a patch's object files (ParallelCompile.h) into a callable `init` and `process` for
// this machine's CPU.
#pragma once

#include "codegen/CodeGen.h"
#include "runtime/PatchABI.h"

#include <llvm/ExecutionEngine/Orc/LLJIT.h>

#include <memory>
#include <string>
#include <vector>

namespace patchc::codegen {

// A target machine for the host CPU (AVX-512 where there is one), as the JIT will use.
std::unique_ptr<llvm::TargetMachine> hostTargetMachine();

// A target machine for `cpu` (an LLVM CPU name such as "x86-64", "x86-64-v3", "znver4"; empty: the host's, with
// its features), position-independent, for `patchc build`. Throws std::runtime_error when LLVM refuses it.
std::unique_ptr<llvm::TargetMachine> targetMachine(const std::string& cpu);
// Whether LLVM knows `cpu` for this machine's architecture.
bool isKnownCpu(const std::string& cpu);

class JitPatch {
 public:
  // Links object files made for the host (ParallelCompile.h), defining the module's external data at the
  // compiler's copy of it; returns null and sets `error` on failure.
  static std::unique_ptr<JitPatch> link(std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects,
                                        const std::vector<ExternalData>& data, std::string& error);

  // The patch's description as its module emitted it (`patchc_abi`): what PatchInstance runs.
  const runtime::PatchABI& abi() const { return *abi_; }

 private:
  static std::unique_ptr<JitPatch> finish(std::unique_ptr<llvm::orc::LLJIT> jit, std::string& error);

  std::unique_ptr<llvm::orc::LLJIT> jit_;
  const runtime::PatchABI* abi_ = nullptr;
};

}  // namespace patchc::codegen
