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
// found there are not compiled again, and the ABI global goes in a small part compiled every time. A tiered
// cache (ObjectCache::tiered) has the others compiled at the quick tier: LLVM's -O0 pipeline (the kernels are
// still inlined: their bitcode comes optimized) and the code generator's fast path. Measured on the REPL bench's
// 100-object patch (bench/REPL_LATENCY.md): a changed fused node compiles in about a third of -O2's time, and the
// whole patch at the quick tier renders at half -O2's speed. The samples differ from -O2's by rounding only (the
// rewrites of -O2's pipeline are not made): at most 1.2e-6 of the peak over the bench patches; the differential
// fuzzer's "quick-tier" variant holds it to the passes' tolerance.
std::vector<std::unique_ptr<llvm::MemoryBuffer>> compileToObjects(std::unique_ptr<llvm::Module> module,
                                                                  std::unique_ptr<llvm::LLVMContext> context,
                                                                  int level, unsigned threads = 0,
                                                                  const MachineFactory& makeMachine = hostTargetMachine,
                                                                  ObjectCache* cache = nullptr);

// Compiles every unit `cache` holds at the quick tier again at `level`, on up to `threads` threads, and puts
// the results in the cache; returns how many. Safe while another thread compiles through the cache.
int upgradeQuickUnits(ObjectCache& cache, int level, unsigned threads = 0,
                      const MachineFactory& makeMachine = hostTargetMachine);

}  // namespace patchc::codegen
