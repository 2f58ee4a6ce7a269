// The graph IR (DESIGN §4): one node per pyo object, each with a lane count (pyo's multichannel expansion),
// inputs given lane by lane, and output taps that route lanes to the output channels.
#pragma once

#include "frontend/SourceLocation.h"
#include "stdlib/Registry.h"

#include <cstdint>
#include <string>
#include <vector>

namespace patchc::ir {

using NodeId = uint32_t;

// How often an input may change. Ordered: a signal's rate is the fastest of its lanes' rates.
enum class Rate { Const, Control, Audio };
const char* spelling(Rate rate);

struct Signal;
// Rate of a signal from its lanes: Const if all constant, else Audio (Control comes with the control issue).
Rate inferRate(const Signal& signal);

// Where one lane of an input comes from: a number known when compiling, or a lane of another node's output.
struct LaneSource {
  enum class Kind { Constant, NodeLane };
  Kind kind = Kind::Constant;
  float value = 0.0f;
  NodeId node = 0;
  int lane = 0;

  static LaneSource constant(float v) { return {Kind::Constant, v, 0, 0}; }
  static LaneSource of(NodeId n, int l) { return {Kind::NodeLane, 0.0f, n, l}; }
  bool isConstant() const { return kind == Kind::Constant; }
  bool operator==(const LaneSource&) const = default;
};

// One argument of a node: w lanes. Lane i of the node reads lane i % w (pyo's expansion rule).
struct Signal {
  std::vector<LaneSource> lanes;
  Rate rate = Rate::Const;  // kept by Graph::setInput and rate inference

  int width() const { return static_cast<int>(lanes.size()); }
  bool isConstant() const;
  // True when every lane is the same constant.
  bool isUniformConstant() const;
  const LaneSource& forLane(int lane) const { return lanes[static_cast<size_t>(lane) % lanes.size()]; }
  static Signal constant(float v) { return Signal{{LaneSource::constant(v)}, Rate::Const}; }
};

// Ops the graph itself knows besides the registry's objects.
enum class NodeKind {
  Object,  // a registry object (spec != nullptr), including internal arithmetic ops
  Mix,     // inputs[0] lanes summed: lane i of the input goes into lane i % lanes
};

struct Node {
  NodeId id = 0;
  NodeKind kind = NodeKind::Object;
  const ObjectSpec* spec = nullptr;  // for NodeKind::Object
  int lanes = 1;
  // The op's inputs in registry order, then mul and add (every node has both, as every pyo object does).
  std::vector<Signal> inputs;
  std::string name;     // the variable it was assigned to, if any: part of its stable identity
  SourceRange origin;   // the call that made it
  // Inputs of InputKind::Array: numbers known when compiling, one array per lane (lane i reads lanes[i % n]).
  // The input's Signal holds one constant per array (its length), so passes see an ordinary constant input.
  struct ArrayInput {
    size_t input = 0;
    std::vector<std::vector<float>> lanes;
    bool operator==(const ArrayInput&) const = default;
  };
  std::vector<ArrayInput> arrays;
  const ArrayInput* arrayFor(size_t input) const {
    for (const auto& a : arrays)
      if (a.input == input) return &a;
    return nullptr;
  }
  // The node's id when the script made it, kept when passes renumber nodes (dce): noise generators derive their
  // seeds from it, so removing a dead object never changes another object's noise.
  NodeId seedIndex = 0;
  bool stopped = false; // `.stop()`: computes nothing and outputs silence
  bool replaced = false; // an optimizer pass took over its work: dce removes it without a remark

  const std::string& opName() const;
  size_t mulIndex() const { return inputs.size() - 2; }
  size_t addIndex() const { return inputs.size() - 1; }
  // A stable identity for the REPL's hot swap: the assigned name, else the source position.
  std::string identity() const;
};

// `.out(chnl)`: lane i of the node goes to output channel (firstChannel + i) % channels.
// After lane fusion a tap may read only some of a node's lanes: lanes [firstLane, firstLane + laneCount), lane
// firstLane + i going to channel (firstChannel + i) % channels. laneCount 0 means every lane.
struct OutputTap {
  NodeId node = 0;
  int firstChannel = 0;
  SourceRange origin;
  int firstLane = 0;
  int laneCount = 0;
  bool whole() const { return firstLane == 0 && laneCount == 0; }
};

// The Server(...) settings that shape the runtime.
struct ServerSettings {
  double sampleRate = 44100.0;
  int channels = 2;
  int bufferSize = 256;
  bool duplex = false;
};

class Graph {
 public:
  ServerSettings server;
  std::string sourceName;
  uint32_t seed = 0;  // the elaboration seed; noise lanes derive theirs from it

  Node& add(NodeKind kind, const ObjectSpec* spec, int lanes, SourceRange origin);
  Node& node(NodeId id) { return nodes_[id]; }
  const Node& node(NodeId id) const { return nodes_[id]; }
  const std::vector<Node>& nodes() const { return nodes_; }
  std::vector<Node>& nodes() { return nodes_; }
  size_t size() const { return nodes_.size(); }

  std::vector<OutputTap>& outputs() { return outputs_; }
  const std::vector<OutputTap>& outputs() const { return outputs_; }

  // Recomputes a node's lane count from its inputs (the largest input width) and each input's rate.
  void updateShape(Node& node);
  // Nodes in an order where every node comes after the nodes it reads; empty if there is a cycle.
  std::vector<NodeId> topologicalOrder() const;

  // ---- for the optimizer ----
  // Every input lane that reads `node` is given `replacement(lane read)` instead. Output taps are not inputs:
  // they keep reading the node.
  template <typename Replacement>
  void replaceUses(NodeId node, Replacement replacement) {
    for (auto& reader : nodes_)
      for (auto& input : reader.inputs) {
        for (auto& lane : input.lanes)
          if (!lane.isConstant() && lane.node == node) lane = replacement(lane.lane);
        input.rate = inferRate(input);
      }
  }
  // `replacement` takes over everything `node` did: its readers read the same lanes of `replacement`, and its
  // output taps are the replacement's. The node itself stays, unread (dce removes it).
  void replaceNode(NodeId node, NodeId replacement) {
    replaceUses(node, [replacement](int lane) { return LaneSource::of(replacement, lane); });
    for (auto& tap : outputs_)
      if (tap.node == node) tap.node = replacement;
  }
  // The nodes that read `node` (each once), and how many input lanes read it in all.
  std::vector<NodeId> readersOf(NodeId node) const;
  bool hasOutputTap(NodeId node) const;
  // Removes the nodes for which `dead[id]` is true; the survivors are renumbered in order and every reference
  // to them follows. Nothing may still read a removed node.
  void removeNodes(const std::vector<bool>& dead);

 private:
  std::vector<Node> nodes_;
  std::vector<OutputTap> outputs_;
};


}  // namespace patchc::ir
