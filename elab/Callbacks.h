// pyo's callback objects: `Pattern(function, time=1, arg=None)` and `CallAfter(function, time=1, arg=None)`,
// and those that watch a stream: `TrigFunc(input, function, arg=None)`, `Score(input, fname="event_")` and
// `Print(input, method=0, interval=0.25, message="")`. Values of the elaborator (Value::Type::Timer) whose
// functions are compiled, once the script has run, into the graph's control program (HandlerCompiler). While
// compiling they are timers to configure: `time`, `play()`, `stop()`, as in pyo. A watched stream goes through a
// Watch node (stdlib/kernels/Watch.h), which the control code reads at every frame.
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
  Callbacks(ir::Graph& graph, PyoObjects& objects) : graph_(graph), objects_(objects) {}

  Value patternConstructor();
  Value callAfterConstructor();
  Value trigFuncConstructor();
  Value scoreConstructor();
  Value printConstructor();
  // CtlScan(function, toprint=True), CtlScan2(function, toprint=True), RawMidi(function) (elab/MidiCallbacks.cpp).
  Value ctlScanConstructor();
  Value ctlScan2Constructor();
  Value rawMidiConstructor();

  Value attribute(const Value& timer, const std::string& name, const SourceRange& range);
  void setAttribute(const Value& timer, const std::string& name, const Value& value, const SourceRange& range);

  // Compiles every timer's function (Score: the script's functions `fname` + an integer, from `globals`), then
  // wires what the handlers assign.
  void compile(HandlerCompiler& compiler, const Scope& globals);

 private:
  Value make(ir::Timer::Kind kind, const char* name, CallArguments& args);
  Value makeTrigFunc(CallArguments& args);
  Value makeScore(CallArguments& args);
  Value makePrint(CallArguments& args);
  Value makeMidiScan(int mode, CallArguments& args);
  // The handler of a MIDI scanner's message (MidiCallbacks.cpp): decodes it, prints it (toprint), calls `function`.
  int compileMidiScan(HandlerCompiler& compiler, const Value& function, size_t timer, int mode, bool toprint);
  // The Watch node that reads `input` for the control code.
  ir::NodeId watchNode(const Value& input, const SourceRange& range);
  Value timerValue(size_t index) const;
  ir::Timer& timer(const Value& v) { return graph_.control.timers[static_cast<size_t>(v.integer)]; }

  // A function to compile into a handler: of timer `timer` (Pattern, CallAfter), of one of its watches (TrigFunc).
  struct Pending {
    Value function;
    ValueList arguments;
    size_t timer = 0;
    int watch = -1;
    int midiMode = -1;  // a MIDI scanner's (stdlib/kernels/MidiScan.h's Mode): its function takes the message
    bool toprint = false;
  };
  ir::Graph& graph_;
  PyoObjects& objects_;
  std::vector<Pending> pending_;
  std::vector<std::pair<size_t, std::string>> scores_;  // (timer, fname) of each Score
};

}  // namespace patchc::elab
