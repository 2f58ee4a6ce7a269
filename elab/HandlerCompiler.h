// Compiles the script's callbacks (the functions `Pattern` and `CallAfter` call while the patch plays) into the
// graph's control program (ir/Control.h), once, when compiling.
//
// It is a second interpreter of the same Python, staged: what is known when compiling (the patch's objects, lists
// of numbers, the numbers the script computed) is evaluated now, as the elaborator does; what depends on the run
// (random draws, the callback's arguments' arithmetic, globals the callbacks change) becomes run-time code.
// A callback acts on the patch only by writing numbers into Param nodes and setting timers: an attribute given a
// number becomes a Param slot, one given a signal expression builds that expression once, here (the manual's
// Dummy tip), and a run-time switch selects it. What would allocate or create objects at run time, and what
// this subset does not compile, is a located error that says what to write instead.
#pragma once

#include "elab/ElaborationError.h"
#include "elab/PyoObjects.h"
#include "elab/Value.h"
#include "ir/Control.h"
#include "ir/Graph.h"
#include "support/Diagnostics.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace patchc::elab {

class HandlerCompiler {
 public:
  // `globals` are the script's names once it has run; `lookupName` finds any other name (builtins, modules);
  // `runTimeGlobals` are the globals the handlers assign (globalsAssignedInFunctions).
  HandlerCompiler(ir::Graph& graph, PyoObjects& objects, Interpreter& interpreter, std::shared_ptr<Scope> globals,
                  std::function<Value(const std::string&, const SourceRange&)> lookupName,
                  std::set<std::string> runTimeGlobals);
  ~HandlerCompiler();

  // Compiles `function` (a def of the script, or a bound method) called with `arguments` (known when compiling)
  // into a handler; its index in graph.control.handlers.
  int compile(const Value& function, const ValueList& arguments, const SourceRange& origin);

  // A handler for an event that brings run-time numbers (a MIDI message: CtlScan, RawMidi): when the Bool
  // expression `guard` holds (−1: always), `function` called with the Int expressions `arguments`
  // (graph.control's) as positional arguments; then the statements `after`.
  int compile(const Value& function, const std::vector<int>& arguments, int guard, std::vector<ir::Statement> after,
              const SourceRange& origin);

  // After every handler: wires the inputs handlers assign to their Params and switches.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The names that some function of the module declares `global` and assigns (a statement-level scan).
std::set<std::string> globalsAssignedInFunctions(const ast::StmtList& module);

}  // namespace patchc::elab
