// pyo's MIDI output methods of the Server (noteout, makenote, ctlout, bendout, afterout, pressout, programout):
// each call becomes one ir::Statement::Kind::MidiOut per message, which the generated code queues for the runtime
// (runtime/MidiOutQueue.h) stamped with its frame. Called from a callback, the message belongs to the callback's
// event frame; called by the script itself, to the patch's first frame (a start-up handler, run at frame 0).
// pyo's arguments may be lists: one message per item, as its convertArgsToLists does.
#pragma once

#include "elab/Value.h"
#include "ir/Control.h"
#include "ir/Graph.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace patchc::elab {

struct MidiOutMethod {
  const char* name;
  int kind;  // the status's high nibble: 0x90, 0xA0, ...
  std::vector<std::string> parameters;             // pyo's names, in pyo's order
  std::vector<std::optional<double>> defaults;     // nullopt: required
  // The parameter (index into `parameters`) of each argument of the statement: data1, data2, channel, timestamp,
  // note-off delay; −1 for none (data2, timestamp: 0; note-off: no note-off).
  int data1, data2, channel, timestamp, off;
};

// The method of that name, or null (sysexout is not one: see refuseSysex).
const MidiOutMethod* findMidiOutMethod(const std::string& name);
// Every method's name and sysexout's, for the Server's list of attributes.
std::vector<std::string> midiOutMethodNames();

// The statements of one call, given each parameter's expressions (a list gives several, which pyo wraps: item
// i % length for the i-th message of max(length) messages). `constant(v)` makes a constant Int expression.
std::vector<ir::Statement> midiOutStatements(const MidiOutMethod& method,
                                             const std::vector<std::vector<int>>& parameterExpressions,
                                             const std::function<int(double)>& constant, const SourceRange& origin);

// A call made by the script itself (its values known): its messages go into the start-up handler, which runs
// at the patch's first frame (made on the first such call: a CallAfter of 0 s).
void sendAtStart(ir::Graph& graph, const MidiOutMethod& method, CallArguments& args);

// s.sysexout(...): a located error (not supported yet).
[[noreturn]] void refuseSysex(const SourceRange& range);

}  // namespace patchc::elab
