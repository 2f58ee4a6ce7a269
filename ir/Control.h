// The patch's control program (issue 8 §3): the script's callbacks (`Pattern`, `CallAfter`, `TrigFunc`, `Score`,
// and `Print`'s reports), compiled once to a small structured IR that the code generator lowers to native code
// run in the audio thread, between blocks split at the sample where each event falls.
//
// A handler computes with Python's run-time numbers (int, float, bool) in variables, and acts on the graph only
// through slots: it writes numbers into `Param` nodes (an attribute assigned at run time: `osc.freq = [f, f*2]`,
// `env.play()`), and sets timers (`pat.time = d`, `pat.play()`). It never creates objects or allocates: what
// the script builds is built once, when compiling (the manual's Dummy tip, automatic).
#pragma once

#include "ir/SampleArray.h"
#include "ir/Table.h"
#include "support/SourceLocation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace patchc::ir {

using NodeId = uint32_t;

// Python's run-time number types. Arithmetic follows Python: int ⊕ int stays int (but `/` gives a float), a float
// makes it float, bool is an int in arithmetic.
enum class ValueType { Int, Float, Bool };
const char* spelling(ValueType type);

// An expression of a handler: a tree of numbered nodes (Control::expressions), each of one type.
struct Expression {
  enum class Op {
    Constant,     // number
    Variable,     // variables[index]
    ParamValue,   // the value a Param node's lane holds (what the handler or init last wrote): node, lane
    LastSample,   // `obj.get()`: the last sample of a node's lane in the previous block: node, lane
    Sample,       // the sample of a watched node's lane at the event's frame (Print's value): node, lane; the
                  // code generator renders what it depends on ahead of the rest (Control::watchedNodes)
    Add, Subtract, Multiply, Divide, FloorDivide, Modulo, Power,  // a, b (Python's semantics for the types)
    Negate, Not,                                                   // a
    Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual,       // a, b → bool
    And, Or,                                                       // a, b (b only when needed if it draws)
    Select,                                                        // a ? b : c (only b or c if either draws)
    ToFloat, ToInt, ToBool,                                        // a (int(): toward zero, as Python)
    Call,                                                          // function(args): a math function by name
    Random,            // random.random(): [0, 1) with 53 bits, CPython's Mersenne Twister continued at run time
    RandomBelow,       // random's _randbelow(a): [0, a) for an int a > 0, CPython's rejection sampling
    TableSize,         // the size in samples of table `index` now (a table callbacks resize: ir::Table::capacity)
    Element,           // constants[a] for an int a (a list of numbers known when compiling; wraps like Python's
                       // negative indices, out of range clamps: the compiler checks what it can)
  };
  Op op = Op::Constant;
  ValueType type = ValueType::Float;
  double number = 0.0;          // Constant
  int index = 0;                // Variable; TableSize: the table
  NodeId node = 0;              // ParamValue, LastSample, Sample
  int lane = 0;
  int a = -1, b = -1, c = -1;   // operands: indexes into Control::expressions
  std::string function;         // Call: "midiToHz", "sin", "floor", ...
  std::vector<int> arguments;   // Call
  std::vector<double> constants;  // Element
};

struct Statement {
  enum class Kind {
    SetVariable,  // variables[index] = expression
    SetParam,     // Param node's lane = expression (converted to float)
    SetArray,     // the Array input `index` of `node` = `arguments` (floats; as many as the list has, at most the
                  // input's ArrayInput::capacity): Linseg's `list`, Choice's `choice`, for every lane
    Play,         // every lane of the Param node that is an object's `playing` input: the next generation,
                  // |current| + 1 (restarts it: stdlib/Declare.h's playing())
    Stop,         // ... minus the current generation (pyo's stop())
    SetPeriod,    // timers[index].period = expression seconds
    StartTimer,   // timers[index]: (re)starts, first call after `delay` (0 for Pattern.play())
    StopTimer,    // timers[index]
    If,           // if expression: then else otherwise
    Report,       // messages[index] with `arguments`' values: queued for the runtime to print outside the audio
                  // thread (Print, print())
    RefillTable,  // refills[index]: its arguments from position `lane` on = `arguments` (with `endsList`, they are
                  // the end of its list, whose length changes), then its table is recomputed (its kind's refill)
    EditSound,    // soundSources[index] into its table: edit `lane` (stdlib/tables/refill/SoundEdits.h's
                  // kSoundEdit*) with `arguments` start, stop (< 0: the file's end), pos, crossfade (seconds)
    MidiOut,      // a MIDI message sent (pyo's Server.noteout, ctlout, ...: runtime/MidiOutQueue.h): `index` is its
                  // kind, the status's high nibble (0x90 note-on, 0xA0, 0xB0, 0xC0, 0xD0, 0xE0); `arguments` are
                  // data1, data2, channel (pyo's: 1-16, 0 the first), timestamp (ms after the event), and for
                  // makenote a fifth, the duration (ms) after which a note-on of velocity 0 follows. Each argument
                  // is evaluated once. For 0xE0 data1 is the 14-bit bend (0-16383) and data2 is unused.
    MidiIn,       // pyo's Server.addMidiEvent(status, data1, data2) in a callback: `arguments` status, data1, data2,
                  // one event for the patch's MIDI objects at the event's frame, in the current block's events
                  // (runtime/MidiEventBlock.h; nodes rendered a block ahead have read them already)
  };
  Kind kind = Kind::SetVariable;
  int index = 0;
  NodeId node = 0;
  int lane = 0;
  int expression = -1;
  std::vector<int> arguments;  // Report, SetArray, RefillTable, EditSound, MidiOut, MidiIn
  bool endsList = false;       // RefillTable
  std::vector<Statement> then, otherwise;
  SourceRange origin;
};

// A run-time variable: a handler's local (`index` reused per handler call) or a global the handlers assign
// (`global x`), which keeps its value between calls and starts with the value the script gave it.
struct Variable {
  std::string name;
  ValueType type = ValueType::Float;
  double initial = 0.0;
  bool global = false;
};

struct Handler {
  std::string name;  // the Python function's name, for printing and remarks
  std::vector<Statement> body;
  SourceRange origin;
};

// What makes handlers run: a clock or a watched stream.
// - Periodic: `Pattern(function, time)` calls its handler every `period` seconds while playing, the first time
//   when played (or one period later when `delayed`: Print's interval).
// - Once: `CallAfter(function, time)`, `period` seconds after it is played (at creation, as pyo does).
// - OnTrigger: `TrigFunc(input, function)`, at each sample where a watched lane is 1 (pyo's trigger test).
// - OnNonZero: `CtlScan`, `CtlScan2`, `RawMidi`, at each sample where a watched lane is not 0: a MIDI message the
//   scanner (stdlib/kernels/MidiScan.h) encoded there, which the handler decodes from the Sample.
// - OnNewInteger: `Score(input, fname)`, at each sample where int(lane) differs from the last one seen: the
//   handler of that integer (`cases`), if the script defines one.
// - OnNewValue: `Print(input, method=1)`, at each sample more than 1e-5 away from the last one reported.
// The watched kinds watch `watches` (one per stream of the input: a TrigFunc of four streams calls its function
// for each, with its own argument); the code generator renders their nodes, and what those read, a block ahead.
struct Watch {
  NodeId node = 0;
  int lane = 0;
  int handler = -1;                              // OnTrigger, OnNonZero, OnNewValue
  std::vector<std::pair<int64_t, int>> cases;    // OnNewInteger: (value, handler)
};

struct Timer {
  enum class Kind { Periodic, Once, OnTrigger, OnNewInteger, OnNewValue, OnNonZero };
  Kind kind = Kind::Periodic;
  std::string name;
  int handler = 0;      // Periodic, Once
  double period = 1.0;  // seconds (pyo's `time`)
  bool playing = false; // when the patch starts
  bool delayed = false; // Periodic: the first call one period after it starts
  std::vector<Watch> watches;
  SourceRange origin;
  bool watching() const {
    return kind == Kind::OnTrigger || kind == Kind::OnNewInteger || kind == Kind::OnNewValue || kind == Kind::OnNonZero;
  }
};

// The most run-time values one report carries (runtime/ReportQueue.h's kMaxValues, checked by the code generator).
constexpr int kMaxReportValues = 8;

// A report's text: literal pieces around the values, each value formatted as Python's print() would (`repr` of
// a float) or as pyo's Print does (C's "%f").
struct Message {
  enum class Format { Python, Fixed };
  std::vector<std::string> pieces;  // pieces.size() == formats.size() + 1: piece, value, piece, ..., piece
  std::vector<Format> formats;
  std::vector<ValueType> types;     // of each value
};

// A table handlers recompute while playing (`t.slope = x`, `t.replace(points)`): its kind's refill
// (stdlib/tables/refill/Refill.h) runs on the table's buffer in the state (ir::markTableWritten) with arguments
// kept in the control's state, so that what one handler sets stays when another sets something else.
struct TableRefill {
  TableId table = 0;
  std::string kind;              // the table's kind: the code generator calls patchc_table_refill_<kind>
  std::vector<float> arguments;  // when the patch starts (stdlib/Table.h's refillArguments)
  size_t capacity = 0;           // the most arguments any statement leaves (a longer list of points)
};

// A sound file callbacks put into a SndTable while playing (`t.setSound(path, ...)`, `t.insert(path, ...)`,
// `t.append(path, ...)`): read when compiling; channel c of the table takes channel c % channels of the file.
struct SoundSource {
  TableId table = 0;
  std::string path;
  std::vector<SampleArray> channels;
  double sampleRate = 0.0;  // the table's too (the compiler refuses another)
};

struct Control {
  std::vector<Expression> expressions;
  std::vector<Variable> variables;
  std::vector<Handler> handlers;
  std::vector<Timer> timers;
  std::vector<Message> messages;
  std::vector<TableRefill> refills;
  std::vector<SoundSource> soundSources;
  // The state of Python's `random` when compiling ended (CPython's MT19937: 624 words and the index), which the
  // run-time draws continue: the same seed gives the same notes as pyo's Python. Empty when no handler draws.
  std::vector<uint32_t> random;

  bool empty() const { return timers.empty(); }
  // The nodes whose values handlers read (ParamValue, LastSample, Sample) or timers watch: dce keeps them.
  std::vector<NodeId> nodesRead() const;
  // The nodes whose samples the control reads at the event's frame (watches, Sample): rendered ahead.
  std::vector<NodeId> watchedNodes() const;
  // After dce removed the nodes `dead` (survivors renumbered `newId`): statements that write a removed Param go
  // (nothing reads it any more), every other reference follows.
  void renumber(const std::vector<bool>& dead, const std::vector<NodeId>& newId);
  // Empty when every reference is sound: expressions in range, nodes below `nodeCount`, handlers of timers,
  // messages of reports.
  std::string problem(size_t nodeCount) const;
  int add(Expression expression) {
    expressions.push_back(std::move(expression));
    return static_cast<int>(expressions.size()) - 1;
  }
  const Expression& expression(int index) const { return expressions[static_cast<size_t>(index)]; }
};

}  // namespace patchc::ir
