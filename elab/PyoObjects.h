// The pyo side of elaboration: constructing objects from registry signatures with pyo's multichannel expansion,
// their attributes and methods (`out`, `mix`, `range`, `play`, `stop`, `setX`), signal arithmetic, and the
// Server object whose settings shape the runtime.
#pragma once

#include "elab/ElaborationError.h"
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
  PyoObjects(ir::Graph& graph, const Registry& registry, Interpreter& interpreter)
      : graph_(graph), registry_(registry), interpreter_(interpreter) {}

  const Registry& registry() const { return registry_; }
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
  Value makeMix(const Value& source, const SourceRange& sourceRange, const Value& voices, const SourceRange& range);
  // Binds call arguments to parameter names (positional, then keywords), with pyo-style messages.
  std::vector<Binding> bind(const std::string& callee, const std::vector<std::string>& names,
                            const std::vector<std::optional<float>>& defaults, CallArguments& args);
  ir::Signal toSignal(const Value& value, const SourceRange& range, const std::string& what, InputKind kind);
  void setInput(ir::Node& node, size_t index, ir::Signal signal, const SourceRange& range);
  std::vector<std::string> inputNames(const ir::Node& node) const;
  Value method(const Value& object, const std::string& name, const SourceRange& range);
  std::vector<ir::SampleArray> toArrays(const Value& value, const SourceRange& range, const std::string& what,
                                        std::optional<float>& fileSampleRate);
  void start(ir::NodeId id);
  bool reaches(ir::NodeId from, ir::NodeId to) const;
  void removeTaps(ir::NodeId id);
  // Warns when a constant given to `node`'s input `index` is outside pyo's documented range (InputSpec::valid).
  void checkRange(const ir::Node& node, size_t index, const SourceRange& range);
  // graph_.add, once the `objects` limit allows one more node.
  ir::Node& addNode(ir::NodeKind kind, const ObjectSpec* spec, int lanes, const SourceRange& range);

  ir::Graph& graph_;
  const Registry& registry_;
  Interpreter& interpreter_;
  CompileLimits limits_;
  Diagnostics* diagnostics_ = nullptr;
  uint64_t soundFileBytes_ = 0;  // samples of the sound files read so far, counted against state-bytes
  std::map<ir::NodeId, std::map<std::string, Value>> given_;  // argument values as given, for attribute reads
  // The sound files read so far, by the path as the patch gave it: every SfPlayer of one file shares one copy of
  // its samples (the path names the same file throughout one elaboration).
  struct ReadSound {
    std::vector<ir::SampleArray> channels;
    float sampleRate = 0;
  };
  std::map<std::string, ReadSound> sounds_;
};

}  // namespace patchc::elab
