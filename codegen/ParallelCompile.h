// A patch's module to machine code on several threads (DESIGN §6: compile time is part of the product).
//
// Each node is its own noinline function (CodeGen.cpp emitNode), so the module splits cleanly: the node
// functions are shared out between parts by estimated size, each part gets its own copy of the constants and
// kernels it uses, and each part is optimized and compiled to an object file on its own thread in its own
// LLVMContext. The JIT then links the objects. LLVM's optimizer and code generator are single-threaded per
// module; on this 2-core machine this halves the wall time of a patch with several costly nodes.
#pragma once

#include "codegen/Jit.h"
#include "codegen/ObjectCache.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>

#include <functional>
#include <memory>
#include <vector>

namespace patchc::codegen {

// Makes a target machine for one part (each thread needs its own).
using MachineFactory = std::function<std::unique_ptr<llvm::TargetMachine>()>;

// Optimizes `module` at `level` (optimizeModule) and compiles it to object files for the machines `makeMachine`
// makes (default: the host, as the JIT runs it), one per part, using up to `threads` threads (0: as many as the
// machine has cores). Throws std::runtime_error on failure.
//
// With a `cache` (the REPL's), each unit is a part of its own, keyed by its bitcode (ObjectCache.h): the units
// found there are not compiled again, and the ABI global goes in a small part compiled every time.
std::vector<std::unique_ptr<llvm::MemoryBuffer>> compileToObjects(std::unique_ptr<llvm::Module> module,
                                                                  std::unique_ptr<llvm::LLVMContext> context,
                                                                  int level, unsigned threads = 0,
                                                                  const MachineFactory& makeMachine = hostTargetMachine,
                                                                  ObjectCache* cache = nullptr);

}  // namespace patchc::codegen
