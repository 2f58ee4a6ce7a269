// The pyo side of elaboration: constructing objects from registry signatures with pyo's multichannel expansion,
// their attributes and methods (`out`, `mix`, `range`, `play`, `stop`, `setX`), signal arithmetic, and the
// Server object whose settings shape the runtime.
#pragma once

#include "elab/ElaborationError.h"
#include "elab/Tables.h"
#include "elab/Value.h"
#include "ir/Graph.h"
#include "support/Limits.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace patchc::elab {

class PyoObjects {
 public:
  // A sound file's channels, read once per path (SfPlayer, SndTable, a callback's setSound()): every reader of one
  // file shares one copy of its samples (the path names the same file throughout one elaboration).
  struct ReadSound {
    std::vector<ir::SampleArray> channels;
    float sampleRate = 0;
  };
  // Reads `path` once, its samples counted against state-bytes; an error at `range`.
  const ReadSound& readSound(const std::string& path, const SourceRange& range);

  PyoObjects(ir::Graph& graph, const Registry& registry, Interpreter& interpreter)
      : graph_(graph), registry_(registry), interpreter_(interpreter),
        tables_(graph, interpreter, [this](const std::string& path, const SourceRange& range) {
          TableSound sound;
          const ReadSound& read = readSound(path, range);
          for (const auto& channel : read.channels) sound.channels.push_back(channel.values());
          sound.sampleRate = read.sampleRate;
          return sound;
        }) {}

  const Registry& registry() const { return registry_; }
  Tables& tables() { return tables_; }
  // The bounds on objects and sound-file bytes (`objects`, `state-bytes`), and where warnings go (none until set).
  void configure(const CompileLimits& limits, Diagnostics& diagnostics) {
    limits_ = limits;
    diagnostics_ = &diagnostics;
  }

  // A callable that constructs `spec`'s object.
  Value constructor(const ObjectSpec& spec);
  // pyo's Mix(input, voices=1, mul=1, add=0) and Server(...) constructors.
  Value mixConstructor();
  Value serverConstructor();

  Value attribute(const Value& object, const std::string& name, const SourceRange& range);
  void setAttribute(const Value& object, const std::string& name, const Value& value, const SourceRange& range);
  Value serverAttribute(const Value& server, const std::string& name, const SourceRange& range);
  void setServerAttribute(const Value& server, const std::string& name, const Value& value, const SourceRange& range);

  // `left op right` where at least one side is a PyoObject: an internal Add/Sub/Mul/Div node.
  Value arithmetic(const char* op, const Value& left, const Value& right, const SourceRange& range);
  // The registry's object `name` made with these positional arguments, as the script's `name(...)` would (`a **
  // b` is Pow(a, b), `a % b` is Wrap(a, 0, b), as in pyo); an error at `range` when this build lacks it.
  Value make(const std::string& name, ValueList positional, const SourceRange& range);

  // pyo's len(obj): the number of streams; obj[i]: one stream (a negative index counts from the end).
  int64_t streamCount(const Value& object) const;
  Value stream(const Value& object, const Value& index, const SourceRange& range);
  // obj['name'] of an object with named groups of streams (ObjectSpec::streamGroups): group `group` as one object.
  Value groupOfStreams(const Value& object, size_t group, const SourceRange& range);
  // Every stream of `object`, in order (iteration, list(obj), slices).
  ValueList streams(const Value& object) const;
  // What print() and str() show: "< Instance of Sine class >" as pyo's repr, "<_pyo.Sine_base object>" for a
  // stream.
  std::string repr(const Value& object) const;
  // pyo's class of a Timer value: "Pattern", "CallAfter", "TrigFunc", "Score", "Print".
  const std::string& timerClass(const Value& timer) const {
    return graph_.control.timers.at(static_cast<size_t>(timer.integer)).name;
  }
  // The Server's sample rate (sampsToSec, secToSamps).
  double sampleRate() const { return graph_.server.sampleRate; }
  // The patch's file name: sound files are found as given, else beside it (sndinfo, SfPlayer).
  const std::string& patchPath() const { return graph_.sourceName; }

  // After the script: pyo's Server amp (`s.amp = x`, `s.setAmp(x)`) scales everything sent out, as a Mul after
  // each tap (gain-fold moves it into the object's mul where it can).
  void finish();

  // Gives a node the name of the variable it is first assigned to: part of its stable identity.
  void nameNode(ir::NodeId id, const std::string& name);

  // ---- for the handler compiler (HandlerCompiler.cpp) ----
  // The index of `node`'s input `name` that may change while playing, or a located error (unknown name, a
  // Constant or Array input fixed when the object is made).
  size_t assignableInput(const ir::Node& node, const std::string& name, const SourceRange& range) const;
  // A new node, once the `objects` limit allows one more.
  ir::Node& newNode(ir::NodeKind kind, const ObjectSpec* spec, int lanes, const SourceRange& range) {
    return addNode(kind, spec, lanes, range);
  }
  // `value` (numbers, objects, lists of them) as input `index` of `node` would take it.
  ir::Signal signalFor(const ir::Node& node, size_t index, const Value& value, const SourceRange& range);
  // A value that gives `signal` back through signalFor: numbers, an object, or a Sig of mixed lanes.
  Value valueOf(const ir::Signal& signal, const SourceRange& range);

 private:
  struct Binding {
    Value value;
    SourceRange range;
    bool given = false;
  };

  Value construct(const ObjectSpec& spec, CallArguments& args);
  // The inputs a list of PyoObjects given to a list input (InputSpec::List, Selector's inputs; the input is
  // `self`) sets: each object's signal, 0 for the choices not given, and their count.
  std::vector<std::pair<size_t, ir::Signal>> listChoices(size_t self, const InputSpec& input, const Value& value,
                                                         const SourceRange& range, const std::string& what);
  // `value` with each string that names one of the input's keywords (Compare's "<") replaced by its index.
  static Value fromKeywords(const InputSpec& input, const Value& value, const SourceRange& range,
                            const std::string& what);
  Value makeMix(const Value& source, const SourceRange& sourceRange, const Value& voices, const SourceRange& range);
  // Binds call arguments to parameter names (positional, then keywords), with pyo-style messages.
  std::vector<Binding> bind(const std::string& callee, const std::vector<std::string>& names,
                            const std::vector<std::optional<float>>& defaults, CallArguments& args);
  ir::Signal toSignal(const Value& value, const SourceRange& range, const std::string& what, InputKind kind);
  void setInput(ir::Node& node, size_t index, ir::Signal signal, const SourceRange& range);
  std::vector<std::string> inputNames(const ir::Node& node) const;
  // The index of `node`'s input `name`, or a located error that suggests a close name.
  size_t inputToSet(const ir::Node& node, const std::string& name, const SourceRange& range) const;
  Value method(const Value& object, const std::string& name, const SourceRange& range);
  std::vector<ir::SampleArray> toArrays(const Value& value, const SourceRange& range, const std::string& what,
                                        std::optional<float>& fileSampleRate);
  void start(ir::NodeId id);
  bool reaches(ir::NodeId from, ir::NodeId to) const;
  void removeTaps(ir::NodeId id);
  // `.out(chnl, inc)` as pyo routes it: the output channel of each stream of `id`.
  std::vector<int> outputChannels(ir::NodeId id, const Binding& chnl, const Binding& inc);
  // pyo's out(chnl=-1) scrambles its streams (_core.py's listscramble, seeded by the clock there): seeded here
  // by the elaboration seed and the node, so renders stay the same.
  std::vector<int> scrambledOrder(ir::NodeId id, int count, uint32_t attempt) const;
  Value streamMethod(const Value& stream, const std::string& name, const SourceRange& range);
  // obj.get(all=False) at compile time: the value a Sig of numbers outputs, else 0 (pyo's before it runs).
  Value initialValue(const Value& object, bool all, const SourceRange& range);
  // Warns when a constant given to `node`'s input `index` is outside pyo's documented range (InputSpec::valid).
  void checkRange(const ir::Node& node, size_t index, const SourceRange& range);
  // graph_.add, once the `objects` limit allows one more node.
  ir::Node& addNode(ir::NodeKind kind, const ObjectSpec* spec, int lanes, const SourceRange& range);

  ir::Graph& graph_;
  const Registry& registry_;
  Interpreter& interpreter_;
  CompileLimits limits_;
  Diagnostics* diagnostics_ = nullptr;
  bool started_ = false;
  double amp_ = 1.0;      // the Server's amp: the gain of the output  // Server.start() was called (getIsStarted)
  uint64_t soundFileBytes_ = 0;  // samples of the sound files read so far, counted against state-bytes
  std::map<ir::NodeId, std::map<std::string, Value>> given_;
  // The mul and add pyo applies to one named group of an object's streams (ObjectSpec::mulAddGroup), by node.
  std::vector<std::pair<ir::Signal, ir::Signal>> groupGains_;
  std::map<ir::NodeId, size_t> groupGainOf_;  // argument values as given, for attribute reads
  std::map<std::string, ReadSound> sounds_;
  Tables tables_;
};

}  // namespace patchc::elab
