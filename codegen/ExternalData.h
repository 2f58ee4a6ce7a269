// Large constant arrays (sound files, long tables) that a patch's module reads but does not hold. Copied into
// the module as constants they would cost more to compile than the rest of the patch, so the module declares
// each as an external global, and whoever links it defines it: the JIT at the compiler's own copy of the
// samples (Jit.h: no copy, no compile time), `patchc build` in an object file of raw bytes (emitDataObject).
// So the module holds no compiler address and is the same for both (DESIGN §7: self-contained).
#pragma once

#include "ir/SampleArray.h"

#include <llvm/IR/Constant.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace patchc::codegen {

// One array the module declares: its symbol and where its bytes are while the compiler runs (owned by the graph).
struct ExternalData {
  std::string symbol;
  const void* bytes = nullptr;
  size_t size = 0;
};

// Arrays longer than this many samples are external; shorter ones are constants in the module.
constexpr size_t kExternalDataSamples = 4096;

// The external global of `numbers` in `module` (one per array, however often it is read), recorded in `data`.
llvm::Constant* declareExternalData(llvm::Module& module, std::vector<ExternalData>& data,
                                    const ir::SampleArray& numbers);

// An object file for `machine` that defines every symbol of `data` with its bytes (read-only, 16-byte aligned).
std::unique_ptr<llvm::MemoryBuffer> emitDataObject(const std::vector<ExternalData>& data,
                                                   llvm::TargetMachine& machine);

}  // namespace patchc::codegen
