// AST → graph IR: runs the patch's Python at compile time (DESIGN §2, §4). Numbers, lists, loops, functions,
// classes and `random`/`math` are evaluated here; each pyo object constructor adds a node with pyo's
// multichannel expansion; `.out()` adds output taps. What patchc cannot compile is an error that names the
// construct and its line, never a silent difference.
#pragma once

#include "frontend/AST.h"
#include "ir/Graph.h"
#include "support/Diagnostics.h"
#include "support/Limits.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace patchc {

struct ElaborationOptions {
  uint32_t seed = 0;  // seeds compile-time `random` until the script calls random.seed()
  const Registry* registry = nullptr;  // defaults to Registry::builtin()
  CompileLimits limits;
  // Where the script's print() writes: null for stderr (`patchc emit`, whose stdout is the stage it prints).
  std::ostream* printOutput = nullptr;
  // When set and elaboration succeeds: every name the script's top level sees, its own globals and the
  // builtins, sorted (the REPL completes them).
  std::vector<std::string>* namesInScope = nullptr;
};

// Evaluates the module. On an error it reports one diagnostic and returns null.
std::unique_ptr<ir::Graph> elaborate(const ast::Module& module, Diagnostics& diagnostics,
                                     const ElaborationOptions& options = {});

}  // namespace patchc
