// The whole compiler behind one call: text → AST → graph → LLVM module → JIT-compiled callback. The driver, the
// REPL to come and the audio tests all compile through here, so they all run the same pipeline.
#pragma once

#include "codegen/CodeGen.h"
#include "codegen/Jit.h"
#include "codegen/ObjectCache.h"
#include "frontend/AST.h"
#include "ir/Graph.h"
#include "optimizer/PassManager.h"
#include "runtime/PatchABI.h"
#include "support/Diagnostics.h"
#include "support/Limits.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace patchc {

struct CompileOptions {
  uint32_t seed = 0;  // compile-time `random` and noise seeds (`--seed`)
  int llvmOptLevel = 2;  // LLVM's pipeline: 0–3
  unsigned compileThreads = 0;  // LLVM's work on this many threads (codegen/ParallelCompile.h); 0: one per core
  CompileLimits limits;  // work, memory and recursion the compile may use (`--limit NAME=VALUE`)
  const Registry* registry = nullptr;  // the objects a patch may use; null: Registry::builtin()
  opt::PipelineOptions optimizer;  // the graph passes (-O0 -O1 -O2 -Ofast, --passes, remarks, ...)
  std::ostream* log = nullptr;     // remarks, --print-after, --time-passes; null: the diagnostics' stream
  std::ostream* printOutput = nullptr;  // the script's print(); null: stderr (emit's stdout is the stage)
  std::vector<std::string>* namesInScope = nullptr;  // ElaborationOptions::namesInScope (the REPL's completion)
  // Machine code kept from earlier compiles of the session (codegen/ObjectCache.h); null: compile everything.
  codegen::ObjectCache* objectCache = nullptr;
};

// Milliseconds spent in each stage; `total()` is parse to callable.
struct StageTimes {
  double parse = 0, elaborate = 0, passes = 0, codegen = 0, optimize = 0, jit = 0;
  double total() const { return parse + elaborate + passes + codegen + optimize + jit; }
};

struct CompiledPatch {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<ast::Module> ast;
  std::unique_ptr<ir::Graph> graph;
  codegen::ModuleInfo info;
  std::unique_ptr<codegen::JitPatch> jit;
  // Compiled through an object cache: what `jit` linked (ObjectCache::PatchParts; `quick` when some of it is the
  // quick tier's code, to be relinked from the full level's).
  codegen::ObjectCache::PatchParts parts;
  StageTimes times;
  // What the module describes itself as (its `patchc_abi`), as a native executable of it would see it.
  runtime::PatchABI abi() const;
};

// Each stage on its own, for `patchc emit`: null after reporting a diagnostic.
std::unique_ptr<ast::Module> parseSource(const SourceFile& source, Diagnostics& diagnostics);
std::unique_ptr<ir::Graph> buildGraph(const ast::Module& module, Diagnostics& diagnostics, const CompileOptions& options);
// Runs the optimizer's pipeline on the graph; false after reporting an internal error.
bool optimizeGraph(ir::Graph& graph, Diagnostics& diagnostics, const CompileOptions& options);

// The graph's code: builds, optimizes and links `patch.graph` into `patch.jit` (and `info`, `times`). For a
// graph made or changed outside `compilePatch` (the differential fuzzer's perturbed reference). False after
// reporting an internal error.
bool generateCode(CompiledPatch& patch, Diagnostics& diagnostics, const CompileOptions& options);

// Parse to callable. Null after reporting a diagnostic (user error) or an internal error.
std::unique_ptr<CompiledPatch> compilePatch(std::unique_ptr<SourceFile> source, Diagnostics& diagnostics,
                                            const CompileOptions& options);

}  // namespace patchc
