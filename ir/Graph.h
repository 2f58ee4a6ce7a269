// The graph IR (DESIGN §4): one node per pyo object, each with a lane count (pyo's multichannel expansion),
// inputs given lane by lane, and output taps that route lanes to the output channels.
#pragma once

#include "ir/Control.h"
#include "ir/SampleArray.h"
#include "ir/Table.h"
#include "stdlib/Registry.h"
#include "support/SourceLocation.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
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

// Where one lane of an input comes from: a number known when compiling, or one output of one lane of another
// node (output 0 for the one output most objects have; Node::outputs).
struct LaneSource {
  enum class Kind { Constant, NodeLane };
  Kind kind = Kind::Constant;
  float value = 0.0f;
  NodeId node = 0;
  int lane = 0;
  int output = 0;

  static LaneSource constant(float v) { return {Kind::Constant, v, 0, 0, 0}; }
  static LaneSource of(NodeId n, int l, int output = 0) { return {Kind::NodeLane, 0.0f, n, l, output}; }
  bool isConstant() const { return kind == Kind::Constant; }
  bool operator==(const LaneSource&) const = default;
};

// One argument of a node: w lanes. Lane i of the node reads lane i % w (pyo's expansion rule).
struct Signal {
  std::vector<LaneSource> lanes;
  Rate rate = Rate::Const;  // kept by Graph's edits (updateShape, replaceUses) and by rate inference

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
  // Outputs per lane (ObjectSpec::outputs; Pan's `outs`): each lane writes this many blocks. The node's streams,
  // what pyo's len(obj), obj[i] and out() see, are its lanes × outputs in the spec's StreamOrder (streamOf).
  int outputs = 1;
  // The op's inputs in registry order, then mul and add (every node has both, as every pyo object does).
  std::vector<Signal> inputs;
  std::string name;     // the variable it was assigned to, if any: part of its stable identity
  SourceRange origin;   // the call that made it
  // Inputs of InputKind::Array: numbers known when compiling, one array per lane (lane i reads lanes[i % n]).
  // The input's Signal holds one constant per array (its length), so passes see an ordinary constant input.
  struct ArrayInput {
    size_t input = 0;
    std::vector<SampleArray> lanes;  // shared with every node that reads the same numbers
    // The table whose channels these are (a reader's `table` input), if any: Graph::tables.
    std::optional<TableId> table;
    // The tables a list-of-tables input packs (InputSpec::tableList: TableMorph's sources), read when compiling.
    std::vector<TableId> tables;
    // Handlers assign it while the patch plays (`line.list = [...]` in a Pattern: Statement::Kind::SetArray):
    // the most numbers an assignment gives, 0 for numbers fixed when compiling. Such an array has one list for
    // every lane (`lanes` holds its first numbers) and lives in the patch's state: a count, then `capacity`
    // floats, which init fills from `lanes[0]` and handlers overwrite; kernels read the count each call.
    size_t capacity = 0;
    bool assignedWhilePlaying() const { return capacity > 0; }
    bool operator==(const ArrayInput&) const = default;
  };
  std::vector<ArrayInput> arrays;
  const ArrayInput* arrayFor(size_t input) const {
    for (const auto& a : arrays)
      if (a.input == input) return &a;
    return nullptr;
  }
  ArrayInput* arrayFor(size_t input) {
    for (auto& a : arrays)
      if (a.input == input) return &a;
    return nullptr;
  }
  bool hasArrayAssignedWhilePlaying() const {
    for (const auto& a : arrays)
      if (a.assignedWhilePlaying()) return true;
    return false;
  }
  // The node's id when the script made it, kept when passes renumber nodes (dce): noise generators derive their
  // seeds from it, so removing a dead object never changes another object's noise.
  NodeId seedIndex = 0;
  bool stopped = false; // `.stop()`: computes nothing and outputs silence
  bool replaced = false; // an optimizer pass took over its work: dce removes it without a remark
  // Rendered a block ahead of the rest in a patch with callbacks (ir/Ahead.h): fixed on the graph as written
  // (markRenderedAhead), kept by the passes, so that no pass changes when a handler's change reaches the node.
  bool ahead = false;

  const std::string& opName() const;
  // Its output is a value callbacks write between blocks (a Param: ObjectFacts::controlRate).
  bool holdsControlValue() const { return kind == NodeKind::Object && spec && spec->facts.controlRate; }
  bool isWatched() const { return kind == NodeKind::Object && spec && spec->facts.watched; }
  int streams() const { return lanes * outputs; }
  // pyo's stream number of (output, lane), and back: what a whole-object reference reads in order, and where
  // codegen puts each block (a node's buffer holds its streams in this order).
  int streamOf(int output, int lane) const {
    return laneMajorStreams() ? lane * outputs + output : output * lanes + lane;
  }
  LaneSource stream(int s) const {
    return laneMajorStreams() ? LaneSource::of(id, s / outputs, s % outputs) : LaneSource::of(id, s % lanes, s / lanes);
  }
  // pyo's mul and add apply per lane, to every output of it (pyo wraps them by the input's index).
  size_t mulIndex() const { return inputs.size() - 2; }
  size_t addIndex() const { return inputs.size() - 1; }
  // A short name for messages (the verifier's): the assigned name, else the source position.
  std::string identity() const;
  // What the REPL's hot swap pairs across compiles (codegen/StateMap.h), set by assignHotSwapIdentities once the
  // script has run: "Kind:name@line:col#ordinal", the ordinal counting the nodes made at that place. Empty for a
  // node a pass made (codegen names it by its place). A node lane-fuse made of several keeps each lane's origin
  // ("<member's identity>/<lane>") in laneIdentities; otherwise lane i is "<swapIdentity>/i".
  std::string swapIdentity;
  std::vector<std::string> laneIdentities;
  std::string laneIdentity(int lane) const {
    return size_t(lane) < laneIdentities.size() ? laneIdentities[size_t(lane)] : swapIdentity + "/" + std::to_string(lane);
  }

 private:
  bool laneMajorStreams() const { return !spec || spec->streamOrder == StreamOrder::LaneMajor; }
};

// How many outputs `node`'s declaration gives lane `lane`, from its constant inputs (1 for most objects).
int declaredOutputs(const Node& node, int lane);

// `.out(chnl)`: stream i of the node goes to output channel (firstChannel + i) % channels. Streams are lanes for
// a node of one output (Node::streamOf otherwise).
// After lane fusion a tap may read only some of a node's streams: [firstLane, firstLane + laneCount), stream
// firstLane + i going to channel (firstChannel + i) % channels. laneCount 0 means every stream.
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
  // The registry the nodes' ops come from: passes that make nodes take their objects from it, and the verifier
  // checks every node's op is one of its entries. Set with the graph (tools/Pipeline.cpp's buildGraph).
  const Registry* registry = nullptr;
  // The patch's tables (pyo's PyoTableObjects), by TableId: what their readers' ArrayInputs hold (ir/Table.h).
  std::vector<Table> tables;
  // The callbacks, compiled (ir/Control.h): empty for a patch that nothing changes while it plays.
  Control control;
  // MIDI the script feeds its own MIDI objects through pyo's Server.addMidiEvent: a standard MIDI file played from
  // the first frame (mido's `for message in MidiFile(path).play(): s.addMidiEvent(*message.bytes())`,
  // elab/Mido.h), whose events the code generator reads and embeds at their frames (PatchABI::midiSequence), and
  // messages the script itself sends, at the first frame.
  struct ScriptMidi {
    std::string file;  // as found when compiling; empty: none
    SourceRange origin;
    std::vector<std::array<uint8_t, 3>> atStart;
    // Everything above as events at their frames (at the Server's rate), the messages at the start first: what
    // the driver read from the file (tools/Pipeline.cpp) and the code generator embeds.
    struct Event {
      int64_t frame;
      uint8_t status, data1, data2;
    };
    std::vector<Event> events;
    bool empty() const { return file.empty() && atStart.empty(); }
  };
  ScriptMidi scriptMidi;

  Node& add(NodeKind kind, const ObjectSpec* spec, int lanes, SourceRange origin);
  Node& node(NodeId id) { return nodes_[id]; }
  const Node& node(NodeId id) const { return nodes_[id]; }
  const std::vector<Node>& nodes() const { return nodes_; }
  // Whoever takes every node to change them may rewire any of them: the reader index is rebuilt on its next use.
  std::vector<Node>& nodes() {
    index_.readers.reset();
    return nodes_;
  }
  size_t size() const { return nodes_.size(); }

  // Whoever takes the taps to change them may change any of them: their index is rebuilt on its next use.
  std::vector<OutputTap>& outputs() {
    index_.taps.reset();
    return outputs_;
  }
  const std::vector<OutputTap>& outputs() const { return outputs_; }
  // `.out()`: adds a tap, keeping the tap index.
  void addOutput(OutputTap tap);
  // Removes the taps of `node` (`.out()` again, `.stop()`); cheap when it has none.
  void removeOutputsOf(NodeId node);
  // The taps of `node` read `replacement` instead (which must have its lanes).
  void moveOutputs(NodeId node, NodeId replacement);

  // Recomputes a node's lane count from its inputs (the largest input width), its outputs (declaredOutputs) and
  // each input's rate.
  void updateShape(Node& node);
  // Nodes in an order where every node comes after the nodes it reads, and every writer of a table before that
  // table's readers (tableOrderEdges); empty if there is a cycle. Ties keep creation order (ascending ids), so
  // printouts are stable. O(n log n).
  std::vector<NodeId> topologicalOrder() const;
  // (writer, reader) for each node that writes a table while the patch plays and each other node that reads it:
  // "write before read", which topologicalOrder honours and the verifier checks (docs/tables.md).
  std::vector<std::pair<NodeId, NodeId>> tableOrderEdges() const;

  // ---- for the optimizer ----
  // Every input lane that reads `node` is given `replacement(lane read)` instead (reading the same output). Output taps are not inputs:
  // they keep reading the node. Visits only the readers of `node` (the reader index).
  template <typename Replacement>
  void replaceUses(NodeId node, Replacement replacement) {
    replaceUsesOfEach({node}, [&replacement](NodeId, int lane) { return replacement(lane); });
  }
  // replaceUses for several nodes at once, `replacement(node, lane read)`: each of their readers is visited once
  // (lane-fuse replaces thousands of objects that one Mix reads; one at a time cost the Mix's lanes each time).
  template <typename Replacement>
  void replaceUsesOfEach(std::vector<NodeId> replaced, Replacement replacement) {
    auto& index = readerIndex();
    std::sort(replaced.begin(), replaced.end());
    auto isReplaced = [&](NodeId n) { return std::binary_search(replaced.begin(), replaced.end(), n); };
    std::vector<NodeId> readers;
    for (NodeId node : replaced) {
      readers.insert(readers.end(), index.readers[node].begin(), index.readers[node].end());
      index.readers[node].clear();
    }
    std::sort(readers.begin(), readers.end());
    readers.erase(std::unique(readers.begin(), readers.end()), readers.end());
    for (NodeId r : readers) {
      for (auto& input : nodes_[r].inputs) {
        bool touched = false;
        for (auto& lane : input.lanes)
          if (!lane.isConstant() && isReplaced(lane.node)) {
            // A node of several outputs is replaced only by one of the same shape (replaceNode: cse), output for
            // output; passes that fold or rewire by what one output does leave such nodes alone.
            const int output = lane.output;
            const bool severalOutputs = nodes_[lane.node].outputs > 1;
            lane = replacement(lane.node, lane.lane);
            if (severalOutputs && !lane.isConstant()) lane.output = output;
            touched = true;
          }
        if (touched) input.rate = inferRate(input);
      }
      reindexSources(r, replaced);
    }
  }
  // `replacement` takes over everything `node` did: its readers read the same lanes of `replacement`, and its
  // output taps are the replacement's. The node itself stays, unread (dce removes it).
  void replaceNode(NodeId node, NodeId replacement) {
    replaceUses(node, [replacement](int lane) { return LaneSource::of(replacement, lane); });
    moveOutputs(node, replacement);
  }
  // After rewiring a node's inputs other than through replaceUses/replaceNode (a pass that builds a node, or
  // gives one new inputs): keeps the reader index true. Changing constants needs no call.
  void inputsChanged(NodeId node);
  // The nodes that read `node`, each once, in ascending order.
  std::vector<NodeId> readersOf(NodeId node) const;
  bool hasReaders(NodeId node) const { return !readerIndex().readers[node].empty(); }
  bool hasOutputTap(NodeId node) const { return !tapIndex()[node].empty(); }
  // Positions in outputs() of the taps of `node`, ascending.
  const std::vector<size_t>& outputsOf(NodeId node) const { return tapIndex()[node]; }
  // Removes the nodes for which `dead[id]` is true; the survivors are renumbered in order and every reference
  // to them follows. Nothing may still read a removed node.
  void removeNodes(const std::vector<bool>& dead);
  // Empty when the reader and tap indexes (if built) agree with the nodes and taps; else what differs (the
  // verifier's check that every pass kept them).
  std::string indexProblem() const;

 private:
  // Who reads whom, built on first use from the nodes (O(lanes)) and then kept by the methods above, so that a
  // pass asking each node for its readers costs the readers, not the whole graph.
  struct ReaderIndex {
    std::vector<std::vector<NodeId>> readers;  // readers[s]: the nodes that read s, each once, in no order
    std::vector<std::vector<NodeId>> sources;  // sources[r]: the nodes r reads, each once, ascending
  };
  // Dropped (not copied) with the graph: a copy builds its own.
  template <typename T>
  struct Lazy {
    std::unique_ptr<T> value;
    Lazy() = default;
    Lazy(const Lazy&) {}
    Lazy(Lazy&&) noexcept = default;
    Lazy& operator=(const Lazy&) {
      value.reset();
      return *this;
    }
    Lazy& operator=(Lazy&&) noexcept = default;
    void reset() { value.reset(); }
    T* operator->() const { return value.get(); }
    explicit operator bool() const { return value != nullptr; }
  };
  struct Indexes {
    Lazy<ReaderIndex> readers;
    Lazy<std::vector<std::vector<size_t>>> taps;  // taps[n]: positions in outputs_ of n's taps, ascending
  };
  ReaderIndex& readerIndex() const;
  std::vector<std::vector<size_t>>& tapIndex() const;
  std::vector<NodeId> sourcesOf(NodeId node) const;
  // Re-reads the sources of `reader` into the index; the nodes in `cleared` (ascending) were already emptied of
  // their readers.
  void reindexSources(NodeId reader, const std::vector<NodeId>& cleared = {});

  std::vector<Node> nodes_;
  std::vector<OutputTap> outputs_;
  mutable Indexes index_;
};

// ---- the REPL's hot swap (codegen/StateMap.h) ----
// "Kind:name@line:col" of a node: where the script made it.
std::string hotSwapSite(const Node& node);
// Sets every node's swapIdentity; the elaborator's last step, before any pass.
void assignHotSwapIdentities(Graph& graph);

// ---- tables written while the patch plays (docs/tables.md) ----
// The table `node` writes (its op's InputSpec::writes input: TableRec's table), if it writes one.
std::optional<TableId> tableWrittenBy(const Node& node);
// For the handler compiler: a handler writes `table` between blocks (`t.replace(list)`, `t.put(v, i)` in a
// Pattern's callback). The table moves into the patch's state, where codegen::ModuleBuilder's tableBuffer (or
// ControlCodeGen::Addresses::table) gives the address of each channel's size + 1 floats.
inline void markTableWritten(Graph& graph, TableId table) { graph.tables.at(table).written = true; }

}  // namespace patchc::ir
