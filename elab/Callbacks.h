// pyo's callback objects, `Pattern(function, time=1, arg=None)` and `CallAfter(function, time=1, arg=None)`:
// values of the elaborator (Value::Type::Timer) whose functions are compiled, once the script has run, into the
// graph's control program (HandlerCompiler). While compiling they are timers to configure: `time`, `play()`,
// `stop()`, as in pyo.
#pragma once

#include "elab/ElaborationError.h"
#include "elab/HandlerCompiler.h"
#include "elab/PyoObjects.h"
#include "elab/Value.h"
#include "ir/Graph.h"

#include <vector>

namespace patchc::elab {

class Callbacks {
 public:
  explicit Callbacks(ir::Graph& graph) : graph_(graph) {}

  Value patternConstructor();
  Value callAfterConstructor();

  Value attribute(const Value& timer, const std::string& name, const SourceRange& range);
  void setAttribute(const Value& timer, const std::string& name, const Value& value, const SourceRange& range);

  // Compiles every timer's function, then wires what the handlers assign.
  void compile(HandlerCompiler& compiler);

 private:
  Value make(ir::Timer::Kind kind, const char* name, CallArguments& args);
  ir::Timer& timer(const Value& v) { return graph_.control.timers[static_cast<size_t>(v.integer)]; }

  struct Pending {
    Value function;
    ValueList arguments;
  };
  ir::Graph& graph_;
  std::vector<Pending> pending_;  // one per timer
};

}  // namespace patchc::elab
