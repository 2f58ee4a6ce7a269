// pyo's recipe for several cores (the manual's multiprocessing example): a `multiprocessing.Process` subclass
// whose run() boots a Server and makes objects, started from the script. A compiled patch is one callback, which
// is what that recipe is after, so a process is part of the same patch: start() runs run() while compiling and
// its objects join the graph. run() keeps a pyo process alive with `while ...: time.sleep(...)`; here the first
// sleep in such a loop ends run(): the process plays as long as the patch does, and what run() does after the
// loop (server.stop()) is what pyo does when the process is told to stop, which a render never does.
#pragma once

#include "elab/Builtins.h"
#include "elab/ElaborationError.h"
#include "elab/Value.h"

#include <functional>

namespace patchc::elab {

class Processes {
 public:
  // `inWhileLoop` says whether the statement being run is inside a `while` of the function being run.
  Processes(Interpreter& interpreter, std::function<bool()> inWhileLoop)
      : interpreter_(interpreter), inWhileLoop_(std::move(inWhileLoop)) {}

  // Adds the `multiprocessing` module (Process, cpu_count, current_process) and `time.sleep`.
  void addModules(BuiltinTables& tables);

 private:
  Value processClass();
  Value start(CallArguments& args);
  Value sleep(CallArguments& args);

  Interpreter& interpreter_;
  std::function<bool()> inWhileLoop_;
  int running_ = 0;  // run() calls under way: a sleep in their keep-alive loop ends the innermost
  int made_ = 0;     // processes made, for pyo's default names Process-1, Process-2, ...
};

}  // namespace patchc::elab
