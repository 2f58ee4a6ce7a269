#include "codegen/CodeGen.h"

#include "codegen/ControlCodeGen.h"
#include "codegen/ExternalData.h"
#include "runtime/MidiEventBlock.h"
#include "runtime/PatchABI.h"
#include "runtime/Reports.h"
#include "codegen/StdlibBitcode.h"
#include "ir/Ahead.h"
#include "ir/StateSize.h"
#include "stdlib/CheckedSize.h"
#include "stdlib/Kernel.h"
#include "stdlib/kernels/MidiEvents.h"

#include <bit>
#include <cctype>
#include <set>
#include <llvm/Bitcode/BitcodeReader.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Linker/Linker.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Transforms/IPO/AlwaysInliner.h>
#include <llvm/Transforms/IPO/GlobalDCE.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/SmallVectorMemoryBuffer.h>
#include <llvm/Support/raw_ostream.h>

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace patchc::codegen {
namespace {

// A message as the runtime formats it: its pieces with a marker byte where each value goes.
std::string reportFormat(const ir::Message& message) {
  std::string format = message.pieces[0];
  for (size_t i = 0; i < message.formats.size(); ++i) {
    if (message.formats[i] == ir::Message::Format::Fixed) format += runtime::kReportFixed;
    else if (message.types[i] == ir::ValueType::Int) format += runtime::kReportPythonInt;
    else if (message.types[i] == ir::ValueType::Bool) format += runtime::kReportPythonBool;
    else format += runtime::kReportPythonFloat;
    format += message.pieces[i + 1];
  }
  return format;
}

// Offsets in the arena saturate rather than wrap (the state-bytes limit keeps real patches far below).
size_t alignUp(size_t v, size_t a) { return saturatingAlignUp(v, a); }

static_assert(ir::kBlockFloats == kBlockFrames, "ir/StateSize.h counts one block of output buffer per lane");

// Arrays larger than this are read from the compiler's memory instead of being compiled into the module.

// Up to this many output taps, each is summed by code of its own with its constants baked in (the common patch:
// a few `.out()` calls); beyond it, by one loop over a table (emitOutputTable), so that the code and LLVM's
// time stay the same for 20 taps or 100000.
constexpr size_t kUnrolledTaps = 16;

// Where each node's output buffer and per-lane state live in the arena.
struct NodeLayout {
  // streams × kBlockFrames floats: a block per lane and output (Node::outputs), in the node's stream order
  // (Node::streamOf), so that out() and a reader of the whole object read consecutive blocks.
  size_t bufferOffset = 0;
  // Lane-major: lane l's block is contiguous (sample i at l·kBlockFrames + i). Frame-major, for nodes whose
  // kernel runs all lanes at once: each frame's lanes are contiguous (sample i of lane l at i·lanes + l), so the
  // kernel stores a vector of lanes per sample and nothing transposes.
  bool frameMajor = false;
  // Floats from one frame to the next when frame-major: the lanes rounded up to whole kernel lane blocks
  // (Kernel.h), so that a lane-block kernel stores its last, partial block unmasked into the padding.
  int frameStride = 0;
  // pyo's mul when it is one number, add is 0 and only out() reads the node: applied to the sums out() makes
  // instead of to every lane (a bank of 100 voices needs 2 multiplies a frame, not 100).
  float tapGain = 1.0f;
  size_t laneBytes() const { return frameMajor ? sizeof(float) : kBlockFrames * sizeof(float); }
  int sampleStride() const { return frameMajor ? frameStride : 1; }
  // The block of stream `stream` (a lane, for a node of one output).
  size_t laneOffset(int stream) const { return bufferOffset + static_cast<size_t>(stream) * laneBytes(); }
  size_t stateOffset = 0;   // lanes × laneStride bytes
  size_t laneStride = 0;
};

uint32_t nodeSeed(uint32_t graphSeed, ir::NodeId id) {
  // splitmix-style mixing, so that neighbouring nodes and seeds give unrelated noise.
  uint64_t z = (static_cast<uint64_t>(graphSeed) << 32 | id) + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<uint32_t>(z ^ (z >> 31));
}

class ModuleBuilder {
 public:
  ModuleBuilder(const ir::Graph& graph, llvm::LLVMContext& context, bool roomToGrow)
      : graph_(graph), context_(context), module_(std::make_unique<llvm::Module>("patch", context)),
        builder_(context), roomToGrow_(roomToGrow) {
    floatTy_ = llvm::Type::getFloatTy(context);
    i32_ = llvm::Type::getInt32Ty(context);
    i64_ = llvm::Type::getInt64Ty(context);
    ptr_ = llvm::PointerType::get(context, 0);
    inTy_ = llvm::StructType::create(context, {ptr_, i32_}, "patchc.In");
    laneInTy_ = llvm::StructType::create(context, {ptr_, i32_, i32_}, "patchc.LaneIn");
    voidTy_ = llvm::Type::getVoidTy(context);
    frames_ = llvm::ConstantInt::get(i32_, kBlockFrames);
  }

  std::unique_ptr<llvm::Module> build(ModuleInfo& info) {
    info_ = &info;
    order_ = graph_.topologicalOrder();
    if (order_.empty() && graph_.size() > 0) throw std::runtime_error("the graph has a cycle");
    layout(info);
    layoutTables(info);
    layoutArraySlots(info);
    for (ir::NodeId id : order_) {
      auto lanes = laneInputs(graph_.node(id), true);
      layouts_[id].frameMajor = lanes.has_value();
      // Scratch for gathered inputs, after everything else in the arena.
      for (size_t k = 0; lanes && k < lanes->size(); ++k)
        if ((*lanes)[k].gathered) {
          info.stateBytes = alignUp(info.stateBytes, 64);
          gatherOffsets_[{id, k}] = info.stateBytes;
          info.stateBytes = saturatingAdd(info.stateBytes, saturatingMul(static_cast<size_t>(graph_.node(id).lanes),
                                                                         kBlockFrames * sizeof(float)));
        }
    }
    // The control program's state (ControlCodeGen.h): a patch with callbacks renders in sub-blocks split at events.
    controlled_ = !graph_.control.empty();
    if (controlled_) {
      info.stateBytes = alignUp(info.stateBytes, 64);
      controlBase_ = info.stateBytes;
      info.stateBytes = saturatingAdd(info.stateBytes, ControlCodeGen::bytes(graph_.control));
      if (auto queue = ControlCodeGen::reportQueueOffset(graph_.control)) info.reportQueue = controlBase_ + *queue;
      if (auto queue = ControlCodeGen::midiOutOffset(graph_.control)) info.midiOut = controlBase_ + *queue;
      for (const auto& message : graph_.control.messages) info.reportFormats.push_back(reportFormat(message));
      ahead_ = ir::renderedAhead(graph_);
      for (auto piece : ControlCodeGen::carriedState(graph_.control, controlBase_)) info.nodes.push_back(piece);
    }
    layoutMidi(info);
    poolBase_ = info.stateBytes;
    makeEnv();
    emitInit();
    emitProcess();
    info.stateBytes = alignUp(saturatingAdd(poolBase_, pool_.size() * sizeof(float)), 64);
    if (info.stateBytes == kSaturatedSize) throw std::runtime_error("the patch's state does not fit in memory");
    emitAbi(info);
    linkStdlib();
    std::string error;
    llvm::raw_string_ostream os(error);
    if (llvm::verifyModule(*module_, &os)) throw std::runtime_error("generated invalid LLVM IR: " + os.str());
    return std::move(module_);
  }

 private:
  // ---- layout ----

  void layout(ModuleInfo& info) {
    size_t offset = 0;
    layouts_.resize(graph_.size());
    // The REPL's order: where the script made each node (a node a pass made, where its original was).
    std::vector<const ir::Node*> placed;
    for (const auto& node : graph_.nodes()) placed.push_back(&node);
    if (roomToGrow_)
      std::stable_sort(placed.begin(), placed.end(), [](const ir::Node* a, const ir::Node* b) {
        return std::pair(a->origin.begin.line, a->origin.begin.column) <
               std::pair(b->origin.begin.line, b->origin.begin.column);
      });
    // Room for at least one lane more, rounded up to a power of two (at most twice the lanes): a node may grow
    // without moving the next one.
    auto room = [&](size_t count) { return roomToGrow_ ? std::bit_ceil(count + 1) : count; };
    for (const ir::Node* placedNode : placed) {
      const ir::Node& node = *placedNode;
      auto& l = layouts_[node.id];
      offset = alignUp(offset, 64);
      l.bufferOffset = offset;
      const bool laneBlocks = node.kind == ir::NodeKind::Object && node.spec->laneBlock;
      l.frameStride = laneBlocks ? kernel::paddedLanes(node.lanes) : node.streams();
      offset = saturatingAdd(offset, saturatingMul(room(size_t(l.frameStride)), kBlockFrames * sizeof(float)));
      if (node.kind == ir::NodeKind::Object) {
        size_t align = std::max<size_t>(node.spec->stateAlign, 16);
        l.laneStride = ir::stateSizeOf(node, graph_.server.sampleRate).laneStride;
        offset = alignUp(offset, align);
        l.stateOffset = offset;
        offset = saturatingAdd(offset, saturatingMul(l.laneStride, room(static_cast<size_t>(node.lanes))));
      }
    }
    info.stateBytes = alignUp(std::max<size_t>(offset, 64), 64);
    info.stateAlign = 64;
    // Each node's state and block under its stable identity; several nodes made by one call (a comprehension's)
    // are told apart by their order.
    // Nodes a pass made have no identity from the script: named by their place and order.
    std::map<std::string, int> made;
    std::set<std::string> usedTags;
    if (roomToGrow_) tags_.assign(graph_.size(), {});
    for (const auto& node : graph_.nodes()) {
      const auto& l = layouts_[node.id];
      std::string identity = node.swapIdentity;
      if (identity.empty()) {
        const std::string site = "pass:" + ir::hotSwapSite(node);
        identity = fmt::format("{}#{}", site, made[site]++);
      }
      ModuleInfo::NodeState state{identity, l.stateOffset,
                                  node.kind == ir::NodeKind::Object ? l.laneStride * static_cast<size_t>(node.lanes) : 0,
                                  l.bufferOffset, static_cast<size_t>(l.frameStride) * kBlockFrames * sizeof(float),
                                  configurationOf(node)};
      if (node.kind == ir::NodeKind::Object && !node.swapIdentity.empty()) {
        state.laneStride = l.laneStride;
        for (int lane = 0; lane < node.lanes; ++lane) {
          state.laneIdentities.push_back(node.laneIdentity(lane));
          state.laneConfigurations.push_back(laneConfigurationOf(node, lane));
        }
      }
      if (roomToGrow_) {
        std::string tag = "n.";
        for (char c : identity) tag += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        // Distinct identities stay distinct names (a clash would make LLVM rename one, silently).
        while (!usedTags.insert(tag).second) tag += "_";
        tags_[node.id] = tag;
      }
      info.nodes.push_back(std::move(state));
    }
  }

  // What lane `lane` was set up with: its constant inputs, its lists, the spec.
  static uint64_t laneConfigurationOf(const ir::Node& node, int lane) {
    std::string text = fmt::format("{}x{}", node.spec->name, node.outputs);
    for (const auto& input : node.inputs) {
      const ir::LaneSource& source = input.forLane(lane);
      text += source.isConstant() ? fmt::format("|{}", source.value) : fmt::format("|n{}", source.output);
    }
    for (const auto& array : node.arrays)
      text += fmt::format("|a{}:{}:{}", array.input, array.capacity,
                          array.lanes.empty() ? 0 : array.lanes[size_t(lane) % array.lanes.size()].hash());
    return std::hash<std::string>{}(text);
  }

  // What a node was set up with, hashed: its constant inputs, the lists it reads, its lanes and outputs. The
  // nodes it reads are not part of it (their ids change from one compile to the next; their own state is theirs).
  static uint64_t configurationOf(const ir::Node& node) {
    std::string text = fmt::format("{}x{}", node.lanes, node.outputs);
    for (const auto& input : node.inputs) {
      text += '|';
      for (const auto& lane : input.lanes)
        text += lane.isConstant() ? fmt::format("{},", lane.value) : fmt::format("n{},", lane.output);
    }
    for (const auto& array : node.arrays) {
      text += fmt::format("|a{}:{}", array.input, array.capacity);
      for (const auto& lane : array.lanes) text += fmt::format(",{}", lane.hash());
    }
    return std::hash<std::string>{}(text);
  }

  // Tables written while the patch plays (ir::Table::written): channels × (size + 1) floats each in the arena,
  // once per table, which patch_init fills with the compile-time samples (docs/tables.md).
  void layoutTables(ModuleInfo& info) {
    tableOffsets_.assign(graph_.tables.size(), kNotWritten);
    for (size_t t = 0; t < graph_.tables.size(); ++t) {
      const ir::Table& table = graph_.tables[t];
      if (!table.written) continue;
      info.stateBytes = alignUp(info.stateBytes, 64);
      tableOffsets_[t] = info.stateBytes;
      // A table callbacks resize: its size first, in a header (ir::kTableSizeHeaderBytes), then its channels.
      if (table.resizable()) info.stateBytes = saturatingAdd(info.stateBytes, ir::kTableSizeHeaderBytes);
      info.stateBytes = saturatingAdd(info.stateBytes, saturatingMul(table.channels.size(),
                                                                     tableChannelBytes(static_cast<ir::TableId>(t))));
    }
  }
  // size + 1 floats, or capacity + 1 for a table callbacks resize.
  size_t tableChannelBytes(ir::TableId id) const {
    const ir::Table& table = graph_.tables[id];
    return (std::max(table.size(), table.capacity) + 1) * sizeof(float);
  }
  size_t tableSizeSlot(ir::TableId id) const {
    if (!graph_.tables.at(id).resizable() || tableOffsets_[id] == kNotWritten)
      throw std::logic_error(fmt::format("table {} is not resized while the patch plays", id));
    return tableOffsets_[id];
  }

  // Arrays handlers assign (Node::ArrayInput::capacity): a count (int32, in a 16-byte header) and `capacity` floats
  // each, which patch_init fills with the compile-time list and handlers overwrite (Statement::Kind::SetArray).
  void layoutArraySlots(ModuleInfo& info) {
    for (const auto& node : graph_.nodes())
      for (const auto& array : node.arrays) {
        if (!array.assignedWhilePlaying()) continue;
        info.stateBytes = alignUp(info.stateBytes, 64);
        arraySlots_[{node.id, array.input}] = info.stateBytes;
        info.stateBytes = saturatingAdd(info.stateBytes, saturatingAdd(ir::kArraySlotHeaderBytes,
                                                                       saturatingMul(array.capacity, sizeof(float))));
      }
  }
  // The block of MIDI events the runtime writes before each block (runtime/MidiEventBlock.h), when a node reads
  // them (InputSpec::midi): one for the patch, after everything else so far.
  void layoutMidi(ModuleInfo& info) {
    for (const auto& node : graph_.nodes()) {
      if (node.kind != ir::NodeKind::Object) continue;
      for (const auto& input : node.spec->inputs)
        if (input.midi && !midiBlock_) {
          info.stateBytes = alignUp(info.stateBytes, 64);
          midiBlock_ = info.stateBytes;
          info.midiEvents = info.stateBytes;
          info.stateBytes = saturatingAdd(info.stateBytes, sizeof(runtime::MidiEventBlock));
        }
    }
  }

  size_t arraySlot(ir::NodeId id, size_t input) const {
    auto it = arraySlots_.find({id, input});
    if (it == arraySlots_.end())
      throw std::logic_error(fmt::format("array input {} of node {} is not assigned while playing", input, id));
    return it->second;
  }

 public:
  // Where channel `channel` of a table written while the patch plays starts in the arena (size + 1 floats, the
  // guard point last): what writer objects get as their table input, and what a handler writing the table
  // (`t.replace(list)`, `t.put(v, i)`; ir::markTableWritten) stores into. Only for written tables.
  size_t tableBuffer(ir::TableId id, int channel) const {
    if (id >= tableOffsets_.size() || tableOffsets_[id] == kNotWritten)
      throw std::logic_error(fmt::format("table {} is not written while the patch plays (ir::markTableWritten)", id));
    const size_t header = graph_.tables[id].resizable() ? ir::kTableSizeHeaderBytes : 0;
    return tableOffsets_[id] + header + static_cast<size_t>(channel) * tableChannelBytes(id);
  }

 private:
  void makeEnv() {
    auto* envTy = llvm::StructType::get(context_, {floatTy_, floatTy_});
    float sr = static_cast<float>(graph_.server.sampleRate);
    auto* init = llvm::ConstantStruct::get(envTy, {llvm::ConstantFP::get(floatTy_, sr),
                                                   llvm::ConstantFP::get(floatTy_, 1.0f / sr)});
    env_ = new llvm::GlobalVariable(*module_, envTy, true, llvm::GlobalValue::PrivateLinkage, init, "patch.env");
  }

  // ---- helpers ----

  llvm::FunctionCallee kernel(const std::string& op, const char* stage) {
    std::string name = fmt::format("patchc_{}_{}", op, stage);
    llvm::FunctionType* type = std::string(stage) == "init"
                                   ? llvm::FunctionType::get(voidTy_, {ptr_, ptr_, ptr_, i32_}, false)
                                   : llvm::FunctionType::get(voidTy_, {ptr_, ptr_, ptr_, i32_, ptr_}, false);
    return module_->getOrInsertFunction(name, type);
  }

  llvm::FunctionCallee helper(const char* name, std::initializer_list<llvm::Type*> params) {
    return module_->getOrInsertFunction(name, llvm::FunctionType::get(voidTy_, params, false));
  }

  llvm::Value* statePointer(size_t offset) {
    return builder_.CreateConstInBoundsGEP1_64(llvm::Type::getInt8Ty(context_), state_, offset);
  }

  // A private constant array of `elements` (all of type `type`) in the module.
  llvm::GlobalVariable* constantTable(llvm::Type* type, const std::vector<llvm::Constant*>& elements,
                                      const std::string& name) {
    auto* arrayType = llvm::ArrayType::get(type, elements.size());
    return new llvm::GlobalVariable(*module_, arrayType, true, llvm::GlobalValue::PrivateLinkage,
                                    llvm::ConstantArray::get(arrayType, elements), name);
  }

  llvm::Constant* constantArray(const std::vector<float>& values, const std::string& name) {
    std::vector<llvm::Constant*> elements;
    for (float v : values) elements.push_back(llvm::ConstantFP::get(floatTy_, v));
    return constantTable(floatTy_, elements, name);
  }

  llvm::Constant* intArray(const std::vector<int64_t>& values, const std::string& name) {
    std::vector<llvm::Constant*> elements;
    for (int64_t v : values) elements.push_back(llvm::ConstantInt::get(i64_, static_cast<uint64_t>(v)));
    return constantTable(i64_, elements, name);
  }

  // lane % width, folded when the width is 1 or matches the node.
  llvm::Value* laneIndex(llvm::Value* lane, int width, int lanes) {
    if (width == 1) return llvm::ConstantInt::get(i64_, 0);
    llvm::Value* l = builder_.CreateZExt(lane, i64_);
    if (width >= lanes) return l;
    return builder_.CreateURem(l, llvm::ConstantInt::get(i64_, static_cast<uint64_t>(width)));
  }

  // The stream a lane source reads: its block in the source's buffer (NodeLayout::laneOffset).
  int streamOf(const ir::LaneSource& l) const { return graph_.node(l.node).streamOf(l.output, l.lane); }
  // The same for a lane known only when the code runs (a lane loop's counter).
  llvm::Value* streamOf(const ir::Node& node, int output, llvm::Value* lane) {
    if (node.outputs == 1) return lane;
    const bool laneMajor = node.streamOf(0, 1) == node.outputs;
    return laneMajor ? builder_.CreateAdd(builder_.CreateMul(lane, llvm::ConstantInt::get(i32_, node.outputs)),
                                          llvm::ConstantInt::get(i32_, output))
                     : builder_.CreateAdd(lane, llvm::ConstantInt::get(i32_, output * node.lanes));
  }

  // Whether a node's output is a Param's value (ObjectFacts::controlRate) as it is: readers take its state, stride
  // 0. With a gain (gain-fold may give it one) its buffer holds the scaled value: readers read that.
  bool isControl(ir::NodeId id) const {
    const ir::Node& n = graph_.node(id);
    if (!n.holdsControlValue()) return false;
    const ir::Signal& mul = n.inputs[n.mulIndex()];
    const ir::Signal& add = n.inputs[n.addIndex()];
    return mul.isUniformConstant() && mul.lanes[0].value == 1.0f && add.isUniformConstant() &&
           add.lanes[0].value == 0.0f;
  }
  size_t controlOffset(ir::NodeId id, int lane) const {
    return layouts_[id].stateOffset + static_cast<size_t>(lane) * layouts_[id].laneStride;
  }

  // In a sub-block that starts `blockOffset_` frames into the block (patches with callbacks), a buffer's samples
  // start that many samples later; constants and Param values (stride 0) stay where they are.
  llvm::Value* shifted(llvm::Value* pointer, llvm::Value* stride) {
    if (!blockOffset_) return pointer;
    return builder_.CreateInBoundsGEP(floatTy_, pointer,
                                      builder_.CreateSExt(builder_.CreateMul(stride, blockOffset_), i64_));
  }

  // Pointer and stride for lane `lane` of `signal`, read by a node of `lanes` lanes.
  std::pair<llvm::Value*, llvm::Value*> inputFor(const ir::Signal& signal, llvm::Value* lane, int lanes,
                                                 const std::string& name) {
    auto in = unshiftedInputFor(signal, lane, lanes, name);
    return {shifted(in.first, in.second), in.second};
  }

  std::pair<llvm::Value*, llvm::Value*> unshiftedInputFor(const ir::Signal& signal, llvm::Value* lane, int lanes,
                                                          const std::string& name) {
    const int w = signal.width();
    llvm::Value* zero = llvm::ConstantInt::get(i32_, 0);
    if (signal.isUniformConstant()) {
      // A constant global read with stride 0: LLVM folds it into the kernel after inlining.
      return {constantArray({signal.lanes[0].value}, name), zero};
    }
    if (signal.isConstant()) {
      std::vector<float> values;
      for (const auto& l : signal.lanes) values.push_back(l.value);
      auto* array = constantArray(values, name);
      llvm::Value* index = laneIndex(lane, w, lanes);
      return {builder_.CreateInBoundsGEP(llvm::ArrayType::get(floatTy_, values.size()), array,
                                         {llvm::ConstantInt::get(i64_, 0), index}),
              zero};
    }
    bool allNodes = true;
    for (const auto& l : signal.lanes) allNodes = allNodes && !l.isConstant();
    if (allNodes) {
      bool sameNode = true, identity = true;
      for (int i = 0; i < w; ++i) {
        const auto& l = signal.lanes[static_cast<size_t>(i)];
        sameNode = sameNode && l.node == signal.lanes[0].node;
        identity = identity && streamOf(l) == i;
      }
      if (sameNode && identity && isControl(signal.lanes[0].node)) {
        const NodeLayout& source = layouts_[signal.lanes[0].node];
        llvm::Value* index = laneIndex(lane, w, lanes);
        llvm::Value* offset = builder_.CreateAdd(llvm::ConstantInt::get(i64_, source.stateOffset),
                                                 builder_.CreateMul(index, llvm::ConstantInt::get(i64_, source.laneStride)));
        return {builder_.CreateInBoundsGEP(llvm::Type::getInt8Ty(context_), state_, offset), zero};
      }
      if (sameNode && identity) {
        // The usual case: lane i reads stream i % w of one node (its lane, for a node of one output).
        const NodeLayout& source = layouts_[signal.lanes[0].node];
        llvm::Value* index = laneIndex(lane, w, lanes);
        llvm::Value* offset = builder_.CreateAdd(llvm::ConstantInt::get(i64_, source.bufferOffset),
                                                 builder_.CreateMul(index, llvm::ConstantInt::get(i64_, source.laneBytes())));
        return {builder_.CreateInBoundsGEP(llvm::Type::getInt8Ty(context_), state_, offset),
                llvm::ConstantInt::get(i32_, static_cast<uint64_t>(source.sampleStride()))};
      }
    }
    // The general case (a list mixing numbers and objects): a table of arena offsets, constants included in the
    // arena's constant pool that init fills.
    std::vector<int64_t> offsets, strides;
    for (const auto& l : signal.lanes) {
      if (l.isConstant()) {
        offsets.push_back(static_cast<int64_t>(poolOffset(l.value)));
        strides.push_back(0);
      } else if (isControl(l.node)) {
        offsets.push_back(static_cast<int64_t>(controlOffset(l.node, l.lane)));
        strides.push_back(0);
      } else {
        offsets.push_back(static_cast<int64_t>(layouts_[l.node].laneOffset(streamOf(l))));
        strides.push_back(layouts_[l.node].sampleStride());
      }
    }
    auto* offsetTable = intArray(offsets, name + ".offsets");
    auto* strideTable = intArray(strides, name + ".strides");
    llvm::Value* index = laneIndex(lane, w, lanes);
    auto* tableTy = llvm::ArrayType::get(i64_, offsets.size());
    llvm::Value* offset = builder_.CreateLoad(
        i64_, builder_.CreateInBoundsGEP(tableTy, offsetTable, {llvm::ConstantInt::get(i64_, 0), index}));
    llvm::Value* stride = builder_.CreateLoad(
        i64_, builder_.CreateInBoundsGEP(tableTy, strideTable, {llvm::ConstantInt::get(i64_, 0), index}));
    return {builder_.CreateInBoundsGEP(llvm::Type::getInt8Ty(context_), state_, offset),
            builder_.CreateTrunc(stride, i32_)};
  }

  // Input k of a node for one lane: an array input (pointer to its numbers, stride = their count) or a signal.
  std::pair<llvm::Value*, llvm::Value*> nodeInput(const ir::Node& node, size_t k, llvm::Value* lane,
                                                  const std::string& name) {
    if (node.kind == ir::NodeKind::Object && k < node.spec->inputs.size() && node.spec->inputs[k].midi && midiBlock_)
      return {statePointer(*midiBlock_), llvm::ConstantInt::get(i32_, kernel::midi::kBlockStride)};
    const ir::Node::ArrayInput* array = node.arrayFor(k);
    if (!array) return inputFor(node.inputs[k], lane, node.lanes, name);
    if (array->assignedWhilePlaying()) {
      // The list handlers assign: its numbers after the header, the count they last wrote in it.
      const size_t slot = arraySlot(node.id, k);
      return {statePointer(slot + ir::kArraySlotHeaderBytes), builder_.CreateLoad(i32_, statePointer(slot))};
    }
    if (array->table && tableOffsets_[*array->table] != kNotWritten) {
      // A table written while the patch plays: lane i reads (or writes) channel i % channels of its buffer.
      const ir::TableId id = *array->table;
      const int channels = static_cast<int>(graph_.tables[id].channels.size());
      llvm::Value* offset = laneOffset(tableBuffer(id, 0), builder_.CreateTrunc(laneIndex(lane, channels, node.lanes), i32_),
                                       tableChannelBytes(id));
      // A table callbacks resize: its count now (size + 1), read at each call.
      llvm::Value* count = graph_.tables[id].resizable()
                               ? builder_.CreateAdd(builder_.CreateLoad(i32_, statePointer(tableSizeSlot(id))),
                                                    llvm::ConstantInt::get(i32_, 1))
                               : llvm::ConstantInt::get(i32_, graph_.tables[id].size() + 1);
      return {builder_.CreateInBoundsGEP(llvm::Type::getInt8Ty(context_), state_, offset), count};
    }
    std::vector<llvm::Constant*> pointers, counts;
    for (size_t a = 0; a < array->lanes.size(); ++a) {
      const auto& numbers = array->lanes[a];
      // A sound file's samples: an external global (ExternalData.h), not a constant to compile.
      if (numbers.size() > kExternalDataSamples)
        pointers.push_back(declareExternalData(*module_, info_->data, numbers));
      else
        pointers.push_back(constantArray(numbers.values(), fmt::format("{}.array{}", name, a)));
      counts.push_back(llvm::ConstantInt::get(i32_, numbers.size()));
    }
    if (pointers.size() == 1) return {pointers[0], counts[0]};
    auto* pointerTable = constantTable(ptr_, pointers, name + ".arrays");
    auto* countTable = constantTable(i32_, counts, name + ".counts");
    llvm::Value* index = laneIndex(lane, static_cast<int>(pointers.size()), node.lanes);
    llvm::Value* zero = llvm::ConstantInt::get(i64_, 0);
    return {builder_.CreateLoad(ptr_, builder_.CreateInBoundsGEP(pointerTable->getValueType(), pointerTable,
                                                                  {zero, index})),
            builder_.CreateLoad(i32_, builder_.CreateInBoundsGEP(countTable->getValueType(), countTable,
                                                                  {zero, index}))};
  }

  // Constants of mixed lists live in a pool at the end of the arena (filled by init, read with stride 0).
  // One slot per value as floats compare (0 and -0 share the first one's); found by a map, not a scan.
  size_t poolOffset(float value) {
    if (!std::isnan(value)) {
      auto [it, added] = poolSlots_.emplace(value == 0.0f ? 0.0f : value, pool_.size());
      if (!added) return poolBase_ + it->second * sizeof(float);
    }
    pool_.push_back(value);
    return poolBase_ + (pool_.size() - 1) * sizeof(float);
  }

  void storeIn(llvm::Value* array, size_t index, std::pair<llvm::Value*, llvm::Value*> in) {
    llvm::Value* slot = builder_.CreateConstInBoundsGEP1_64(inTy_, array, index);
    builder_.CreateStore(in.first, builder_.CreateStructGEP(inTy_, slot, 0));
    builder_.CreateStore(in.second, builder_.CreateStructGEP(inTy_, slot, 1));
  }

  // Emits `body(lane)` for lane in [0, count) as a loop, so a 2000-voice bank stays one loop in the IR.
  template <typename Body>
  void laneLoop(int count, const std::string& name, Body body) {
    llvm::Function* fn = builder_.GetInsertBlock()->getParent();
    llvm::BasicBlock* before = builder_.GetInsertBlock();
    llvm::BasicBlock* loop = llvm::BasicBlock::Create(context_, name + ".lane", fn);
    llvm::BasicBlock* after = llvm::BasicBlock::Create(context_, name + ".done", fn);
    builder_.CreateBr(loop);
    builder_.SetInsertPoint(loop);
    llvm::PHINode* lane = builder_.CreatePHI(i32_, 2, "lane");
    lane->addIncoming(llvm::ConstantInt::get(i32_, 0), before);
    body(static_cast<llvm::Value*>(lane));
    llvm::Value* next = builder_.CreateAdd(lane, llvm::ConstantInt::get(i32_, 1));
    lane->addIncoming(next, builder_.GetInsertBlock());
    builder_.CreateCondBr(builder_.CreateICmpULT(next, llvm::ConstantInt::get(i32_, static_cast<uint64_t>(count))),
                          loop, after);
    builder_.SetInsertPoint(after);
  }

  llvm::Value* laneOffset(size_t base, llvm::Value* lane, size_t stride) {
    return builder_.CreateAdd(llvm::ConstantInt::get(i64_, base),
                              builder_.CreateMul(builder_.CreateZExt(lane, i64_), llvm::ConstantInt::get(i64_, stride)));
  }

  // Stream `lane` of a node's output buffer (its lane, for a node of one output; streamOf), and the distance
  // between its samples (in floats).
  llvm::Value* bufferOf(ir::NodeId id, llvm::Value* lane) {
    return shiftedConstant(builder_.CreateInBoundsGEP(llvm::Type::getInt8Ty(context_), state_,
                                                      laneOffset(layouts_[id].bufferOffset, lane, layouts_[id].laneBytes())),
                           layouts_[id].sampleStride());
  }
  llvm::Value* shiftedConstant(llvm::Value* pointer, int stride) {
    return shifted(pointer, llvm::ConstantInt::get(i32_, static_cast<uint64_t>(stride)));
  }
  llvm::Value* sampleStrideOf(ir::NodeId id) {
    return llvm::ConstantInt::get(i32_, static_cast<uint64_t>(layouts_[id].sampleStride()));
  }

  // The prefix of a node's functions and constants: its id and op; in the REPL's layout its identity instead
  // (ids move when a pass removes a node before it, which would change every later node's code).
  std::string nodeTag(const ir::Node& node) {
    if (node.id < tags_.size() && !tags_[node.id].empty()) return tags_[node.id];
    return fmt::format("n{}.{}", node.id, node.opName());
  }

  // ---- init ----

  // The global `patchc_abi`: runtime::PatchABI as the runtime declares it, field for field (its `size` is the
  // struct's size on the target, which the runtime checks against its own), so that the JIT and a native
  // executable start the patch from the same description.
  void emitAbi(const ModuleInfo& info) {
    auto* f64 = llvm::Type::getDoubleTy(context_);
    auto* abiTy = llvm::StructType::create(context_,
                                           {i32_, i32_, i64_, i64_, i32_, f64, i32_, ptr_, ptr_, i32_, i64_, ptr_, i32_,
                                            i64_, i64_, ptr_, i64_, ptr_},
                                           "patchc.ABI");
    std::vector<llvm::Constant*> formats;
    for (size_t m = 0; m < info.reportFormats.size(); ++m)
      formats.push_back(text(info.reportFormats[m], fmt::format("report.format{}", m)));
    llvm::Constant* formatTable = formats.empty() ? llvm::ConstantPointerNull::get(ptr_)
                                                  : static_cast<llvm::Constant*>(constantTable(ptr_, formats, "report.formats"));
    auto i32 = [&](int64_t v) { return llvm::ConstantInt::get(i32_, static_cast<uint64_t>(v)); };
    auto i64 = [&](uint64_t v) { return llvm::ConstantInt::get(i64_, v); };
    llvm::Constant* fields[] = {
        i32(runtime::PatchABI::kVersion),
        llvm::ConstantExpr::getTrunc(llvm::ConstantExpr::getSizeOf(abiTy), i32_),
        i64(info.stateBytes),
        i64(info.stateAlign),
        i32(graph_.server.channels),
        llvm::ConstantFP::get(f64, graph_.server.sampleRate),
        i32(graph_.server.bufferSize),
        initFn_,
        processFn_,
        i32(kBlockFrames),
        i64(info.reportQueue ? uint64_t(*info.reportQueue) : uint64_t(runtime::PatchABI::kNoReports)),
        formatTable,
        i32(static_cast<int64_t>(formats.size())),
        i64(info.midiEvents ? uint64_t(*info.midiEvents) : uint64_t(runtime::PatchABI::kNoMidi)),
        i64(info.midiOut ? uint64_t(*info.midiOut) : uint64_t(runtime::PatchABI::kNoMidiOut)),
        midiSequence(),
        i64(graph_.scriptMidi.events.size()),
        text(graph_.sourceName, "source"),
    };
    new llvm::GlobalVariable(*module_, abiTy, true, llvm::GlobalValue::ExternalLinkage,
                             llvm::ConstantStruct::get(abiTy, fields), kAbiSymbol);
  }

  // The script's MIDI (Graph::ScriptMidi) as runtime::MidiBlockEvents: {i64 frame, i8 status, data1, data2,
  // [5 x i8]}; null when there is none.
  llvm::Constant* midiSequence() {
    const auto& events = graph_.scriptMidi.events;
    if (events.empty()) return llvm::ConstantPointerNull::get(ptr_);
    static_assert(sizeof(runtime::MidiBlockEvent) == 16);
    auto* i8 = llvm::Type::getInt8Ty(context_);
    auto* eventTy = llvm::StructType::get(context_, {i64_, i8, i8, i8, llvm::ArrayType::get(i8, 5)});
    std::vector<llvm::Constant*> elements;
    for (const auto& e : events)
      elements.push_back(llvm::ConstantStruct::get(
          eventTy, {llvm::ConstantInt::get(i64_, uint64_t(e.frame)), llvm::ConstantInt::get(i8, e.status),
                    llvm::ConstantInt::get(i8, e.data1), llvm::ConstantInt::get(i8, e.data2),
                    llvm::ConstantAggregateZero::get(llvm::ArrayType::get(i8, 5))}));
    auto* arrayType = llvm::ArrayType::get(eventTy, elements.size());
    auto* global = new llvm::GlobalVariable(*module_, arrayType, true, llvm::GlobalValue::PrivateLinkage,
                                            llvm::ConstantArray::get(arrayType, elements), "midi.sequence");
    global->setAlignment(llvm::Align(8));
    return global;
  }

  // A private NUL-terminated string.
  llvm::Constant* text(const std::string& value, const std::string& name) {
    auto* init = llvm::ConstantDataArray::getString(context_, value, true);
    return new llvm::GlobalVariable(*module_, init->getType(), true, llvm::GlobalValue::PrivateLinkage, init, name);
  }

  void emitInit() {
    auto* type = llvm::FunctionType::get(voidTy_, {ptr_}, false);
    initFn_ = llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage, "patch_init", *module_);
    state_ = initFn_->getArg(0);
    state_->setName("state");
    auto* entry = llvm::BasicBlock::Create(context_, "entry", initFn_);
    builder_.SetInsertPoint(entry);
    // Tables written while the patch plays start with their compile-time samples.
    for (size_t t = 0; t < graph_.tables.size(); ++t) {
      if (tableOffsets_[t] == kNotWritten) continue;
      const auto& channels = graph_.tables[t].channels;
      if (graph_.tables[t].resizable())
        builder_.CreateStore(llvm::ConstantInt::get(i32_, graph_.tables[t].size()),
                             statePointer(tableSizeSlot(static_cast<ir::TableId>(t))));
      for (size_t c = 0; c < channels.size(); ++c) {
        const auto& numbers = channels[c];
        llvm::Value* source = numbers.size() > kExternalDataSamples
                                  ? declareExternalData(*module_, info_->data, numbers)
                                  : constantArray(numbers.values(), fmt::format("table{}.channel{}", t, c));
        builder_.CreateMemCpy(statePointer(tableBuffer(static_cast<ir::TableId>(t), static_cast<int>(c))),
                              llvm::MaybeAlign(4), source, llvm::MaybeAlign(4), numbers.size() * sizeof(float));
      }
    }
    // Arrays handlers assign start with the script's list.
    for (const auto& [key, slot] : arraySlots_) {
      const ir::SampleArray& numbers = graph_.node(key.first).arrayFor(key.second)->lanes[0];
      builder_.CreateStore(llvm::ConstantInt::get(i32_, numbers.size()), statePointer(slot));
      if (numbers.size() > 0)
        builder_.CreateMemCpy(statePointer(slot + ir::kArraySlotHeaderBytes), llvm::MaybeAlign(4),
                              constantArray(numbers.values(), fmt::format("n{}.array{}.initial", key.first, key.second)),
                              llvm::MaybeAlign(4), numbers.size() * sizeof(float));
    }
    for (ir::NodeId id : order_) {
      const ir::Node& node = graph_.node(id);
      if (node.kind != ir::NodeKind::Object) continue;
      builder_.CreateCall(emitNodeInit(node), {state_});
    }
    initExit_ = builder_.GetInsertBlock();
  }

  // A node's initial state, in a function of its own that patch_init calls: what a node's constants decide
  // stays in its own function, so the REPL's object cache (ObjectCache.h) recompiles only the nodes an edit changed.
  llvm::Function* emitNodeInit(const ir::Node& node) {
    const ir::NodeId id = node.id;
    auto* fn = llvm::Function::Create(llvm::FunctionType::get(voidTy_, {ptr_}, false),
                                      llvm::GlobalValue::InternalLinkage, nodeTag(node) + ".init", *module_);
    fn->addFnAttr(llvm::Attribute::NoInline);
    llvm::IRBuilderBase::InsertPointGuard caller(builder_);
    llvm::Value* callerState = state_;
    builder_.SetInsertPoint(llvm::BasicBlock::Create(context_, "entry", fn));
    state_ = fn->getArg(0);
    llvm::Value* ins = builder_.CreateAlloca(inTy_, llvm::ConstantInt::get(i32_, uint32_t(node.inputs.size())), "in");
    auto init = kernel(node.spec->name, "init");
    uint32_t seed = nodeSeed(graph_.seed, node.seedIndex);
    laneLoop(node.lanes, nodeTag(node) + ".init", [&](llvm::Value* lane) {
      for (size_t k = 0; k < node.inputs.size(); ++k)
        storeIn(ins, k, nodeInput(node, k, lane, fmt::format("{}.in{}", nodeTag(node), k)));
      llvm::Value* state = builder_.CreateInBoundsGEP(
          llvm::Type::getInt8Ty(context_), state_, laneOffset(layouts_[id].stateOffset, lane, layouts_[id].laneStride));
      // A distinct, non-zero seed per lane (noise generators need one).
      llvm::Value* laneSeed = builder_.CreateOr(
          builder_.CreateAdd(llvm::ConstantInt::get(i32_, seed),
                             builder_.CreateMul(lane, llvm::ConstantInt::get(i32_, 2654435761u))),
          llvm::ConstantInt::get(i32_, 1));
      builder_.CreateCall(init, {state, ins, env_, laneSeed});
    });
    builder_.CreateRetVoid();
    state_ = callerState;
    return fn;
  }

  // ---- process ----

  struct LaneInput {
    llvm::Value* pointer;
    int laneStride;
    int sampleStride;
    bool gathered = false;  // copied into scratch first (gatherOffsets_)
  };

  // The node's kernel inputs as lane-block inputs (base + lane·laneStride + sample·sampleStride), or nullopt
  // when the kernel has no lane-block entry or an input's lanes follow no such pattern.
  // With `dryRun`, only says whether the node can run as a lane block (emits nothing).
  std::optional<std::vector<LaneInput>> laneInputs(const ir::Node& node, bool dryRun = false) {
    if (node.kind != ir::NodeKind::Object || node.stopped || !node.spec->laneBlock || node.lanes < 2 ||
        !node.arrays.empty())
      return std::nullopt;
    std::vector<LaneInput> result;
    for (size_t k = 0; k + 2 < node.inputs.size(); ++k) {
      const ir::Signal& s = node.inputs[k];
      const std::string name = fmt::format("n{}.lanes.in{}", node.id, k);
      if (s.isUniformConstant()) {
        result.push_back({dryRun ? nullptr : constantArray({s.lanes[0].value}, name), 0, 0});
      } else if (s.isConstant() && s.width() == node.lanes) {
        std::vector<float> values;
        for (const auto& l : s.lanes) values.push_back(l.value);
        result.push_back({dryRun ? nullptr : constantArray(values, name), 1, 0});
      } else if (s.width() == 1 && !s.lanes[0].isConstant() && isControl(s.lanes[0].node)) {
        result.push_back({dryRun ? nullptr : statePointer(controlOffset(s.lanes[0].node, s.lanes[0].lane)), 0, 0});
      } else if (s.width() == 1 && !s.lanes[0].isConstant()) {
        const auto& l = s.lanes[0];
        result.push_back({dryRun ? nullptr : shiftedConstant(statePointer(layouts_[l.node].laneOffset(streamOf(l))),
                                                             layouts_[l.node].sampleStride()),
                          0, layouts_[l.node].sampleStride()});
      } else {
        bool contiguous = s.width() == node.lanes && !s.lanes[0].isConstant();
        for (int i = 0; contiguous && i < s.width(); ++i) {
          const auto& l = s.lanes[static_cast<size_t>(i)];
          contiguous = !l.isConstant() && l.node == s.lanes[0].node && streamOf(l) == streamOf(s.lanes[0]) + i;
        }
        if (!contiguous) {
          // Lanes that follow no base + lane·stride pattern (a lane-fused bank reading a few sources in turn):
          // gathered frame-major into scratch each block, a copy that costs far less than running the kernel
          // lane by lane.
          result.push_back({dryRun ? nullptr : gather(node, k), 1, node.lanes, true});
          continue;
        }
        const auto& l = s.lanes[0];
        const NodeLayout& source = layouts_[l.node];
        if (isControl(l.node)) {
          result.push_back({dryRun ? nullptr : statePointer(controlOffset(l.node, l.lane)),
                            static_cast<int>(source.laneStride / sizeof(float)), 0});
          continue;
        }
        result.push_back({dryRun ? nullptr : shiftedConstant(statePointer(source.laneOffset(streamOf(l))), source.sampleStride()),
                          static_cast<int>(source.laneBytes() / sizeof(float)), source.sampleStride()});
      }
    }
    return result;
  }

  // Input k of a lane-block node copied, lane by lane, into its scratch block; the scratch's pointer.
  llvm::Value* gather(const ir::Node& node, size_t k) {
    const size_t offset = gatherOffsets_.at({node.id, k});
    auto copy = helper("patchc_gatherLane", {ptr_, i32_, ptr_, i32_, i32_});
    llvm::Value* scratch = statePointer(offset);
    laneLoop(node.lanes, fmt::format("{}.gather{}", nodeTag(node), k), [&](llvm::Value* lane) {
      auto in = inputFor(node.inputs[k], lane, node.lanes, fmt::format("{}.in{}", nodeTag(node), k));
      builder_.CreateCall(copy, {builder_.CreateInBoundsGEP(floatTy_, scratch, lane),
                                 llvm::ConstantInt::get(i32_, static_cast<uint64_t>(node.lanes)), in.first,
                                 in.second, frames_});
    });
    return scratch;
  }

  // One node's block: its kernel over every lane (or one lane-block call), then pyo's mul and add. Each node is
  // its own function (kernels inlined into it), so no LLVM pass sees one huge function: the 24-filter allpass
  // bank compiled in 672 ms instead of 758 ms; a call per node per block costs nothing measurable.
  llvm::Function* emitNode(const ir::Node& node) {
    const ir::NodeId id = node.id;
    const std::string tag = nodeTag(node);
    auto mulAdd = helper("patchc_muladd", {ptr_, i32_, ptr_, ptr_, i32_});
    auto clear = helper("patchc_clear", {ptr_, i32_});
    auto accumulate = helper("patchc_accumulate", {ptr_, ptr_, i32_, i32_});
    // A patch with callbacks runs its nodes on sub-blocks: (state, first frame, frames); others on whole blocks,
    // whose constant length LLVM compiles smaller and faster.
    auto* nodeType = controlled_ ? llvm::FunctionType::get(voidTy_, {ptr_, i32_, i32_}, false)
                                 : llvm::FunctionType::get(voidTy_, {ptr_}, false);
    auto* nodeFn = llvm::Function::Create(nodeType, llvm::GlobalValue::InternalLinkage, tag, *module_);
    nodeFn->addFnAttr(llvm::Attribute::NoInline);
    nodeFn->addParamAttr(0, llvm::Attribute::NoAlias);
    llvm::IRBuilderBase::InsertPointGuard caller(builder_);
    llvm::Value* callerState = state_;
    builder_.SetInsertPoint(llvm::BasicBlock::Create(context_, "entry", nodeFn));
    state_ = nodeFn->getArg(0);
    blockOffset_ = controlled_ ? nodeFn->getArg(1) : nullptr;
    frames_ = controlled_ ? static_cast<llvm::Value*>(nodeFn->getArg(2)) : llvm::ConstantInt::get(i32_, kBlockFrames);
    llvm::Value* n = frames_;
    // Sized by this node alone: its function's code depends on nothing else in the patch (ObjectCache.h).
    const uint32_t inputCount = uint32_t(std::max<size_t>(1, node.inputs.size()));
    llvm::Value* ins = builder_.CreateAlloca(inTy_, llvm::ConstantInt::get(i32_, inputCount), "in");
    llvm::Value* laneIns = builder_.CreateAlloca(laneInTy_, llvm::ConstantInt::get(i32_, inputCount), "laneIn");
    llvm::Value* mulIn = builder_.CreateAlloca(inTy_, nullptr, "mul");
    llvm::Value* addIn = builder_.CreateAlloca(inTy_, nullptr, "add");
    if (node.kind == ir::NodeKind::Mix) {
      // Mix: lane i of the input is summed into lane i % voices (with fewer inputs than voices, they repeat).
      if (blockOffset_)
        laneLoop(node.lanes, tag + ".clear", [&](llvm::Value* lane) { builder_.CreateCall(clear, {bufferOf(id, lane), n}); });
      else
        builder_.CreateCall(clear, {bufferOf(id, llvm::ConstantInt::get(i32_, 0)),
                                    llvm::ConstantInt::get(i32_, node.lanes * kBlockFrames)});
      const ir::Signal& input = node.inputs[0];
      int sources = std::max(input.width(), node.lanes);
      laneLoop(sources, tag + ".sum", [&](llvm::Value* lane) {
        auto in = inputFor(input, lane, sources, tag + ".src");
        llvm::Value* target =
            builder_.CreateURem(lane, llvm::ConstantInt::get(i32_, static_cast<uint64_t>(node.lanes)));
        builder_.CreateCall(accumulate, {bufferOf(id, target), in.first, in.second, n});
      });
    } else if (auto lanes = laneInputs(node)) {
      // All lanes in one call, so that the kernel's loop over lanes vectorizes (Kernel.h: lane blocks).
      auto processLanes = module_->getOrInsertFunction(
          fmt::format("patchc_{}_processLanes", node.spec->name),
          llvm::FunctionType::get(voidTy_, {ptr_, i32_, ptr_, ptr_, i32_, i32_, i32_, i32_, ptr_}, false));
      for (size_t k = 0; k < lanes->size(); ++k) {
        llvm::Value* slot = builder_.CreateConstInBoundsGEP1_64(laneInTy_, laneIns, k);
        builder_.CreateStore((*lanes)[k].pointer, builder_.CreateStructGEP(laneInTy_, slot, 0));
        builder_.CreateStore(llvm::ConstantInt::get(i32_, static_cast<uint64_t>((*lanes)[k].laneStride)),
                             builder_.CreateStructGEP(laneInTy_, slot, 1));
        builder_.CreateStore(llvm::ConstantInt::get(i32_, static_cast<uint64_t>((*lanes)[k].sampleStride)),
                             builder_.CreateStructGEP(laneInTy_, slot, 2));
      }
      builder_.CreateCall(processLanes,
                          {statePointer(layouts_[id].stateOffset),
                           llvm::ConstantInt::get(i32_, layouts_[id].laneStride), laneIns,
                           bufferOf(id, llvm::ConstantInt::get(i32_, 0)),
                           llvm::ConstantInt::get(i32_, layouts_[id].laneBytes() / sizeof(float)),
                           sampleStrideOf(id), llvm::ConstantInt::get(i32_, static_cast<uint64_t>(node.lanes)), n,
                           env_});
    } else {
      auto kernelProcess = kernel(node.spec->name, "process");
      // The kernel's output blocks for the lane, one per output (Kernel.h); one for most objects, which LLVM
      // folds into a plain pointer once the kernel is inlined.
      llvm::Value* outs = builder_.CreateAlloca(ptr_, llvm::ConstantInt::get(i32_, node.outputs), "out");
      laneLoop(node.lanes, tag, [&](llvm::Value* lane) {
        for (size_t k = 0; k + 2 < node.inputs.size(); ++k)
          storeIn(ins, k, nodeInput(node, k, lane, fmt::format("{}.in{}", tag, k)));
        llvm::Value* state = builder_.CreateInBoundsGEP(
            llvm::Type::getInt8Ty(context_), state_, laneOffset(layouts_[id].stateOffset, lane, layouts_[id].laneStride));
        for (int k = 0; k < node.outputs; ++k)
          builder_.CreateStore(bufferOf(id, streamOf(node, k, lane)), builder_.CreateConstInBoundsGEP1_64(ptr_, outs, k));
        builder_.CreateCall(kernelProcess, {state, ins, outs, n, env_});
      });
    }
    // pyo's post-processing, skipped when mul=1 and add=0 (the tip the optimizer generalizes).
    const auto& mul = node.inputs[node.mulIndex()];
    const auto& add = node.inputs[node.addIndex()];
    bool unity = mul.isUniformConstant() && mul.lanes[0].value == 1.0f && add.isUniformConstant() &&
                 add.lanes[0].value == 0.0f;
    if (!unity && layouts_[id].frameMajor && mul.isUniformConstant() && add.isUniformConstant() &&
        add.lanes[0].value == 0.0f && !graph_.hasReaders(id)) {
      layouts_[id].tapGain = mul.lanes[0].value;
    } else if (!unity && layouts_[id].frameMajor && mul.width() == 1 && add.width() == 1 && mul.isConstant() &&
               add.isConstant()) {
      // One gain for every lane of a frame-major block: one contiguous loop over all its samples.
      storeIn(mulIn, 0, inputFor(mul, llvm::ConstantInt::get(i32_, 0), node.lanes, tag + ".mul"));
      storeIn(addIn, 0, inputFor(add, llvm::ConstantInt::get(i32_, 0), node.lanes, tag + ".add"));
      builder_.CreateCall(mulAdd, {bufferOf(id, llvm::ConstantInt::get(i32_, 0)), llvm::ConstantInt::get(i32_, 1),
                                    mulIn, addIn,
                                    builder_.CreateMul(n, sampleStrideOf(id))});
    } else if (!unity) {
      // pyo applies a lane's mul and add to each of its outputs.
      laneLoop(node.lanes, tag + ".muladd", [&](llvm::Value* lane) {
        storeIn(mulIn, 0, inputFor(mul, lane, node.lanes, tag + ".mul"));
        storeIn(addIn, 0, inputFor(add, lane, node.lanes, tag + ".add"));
        for (int k = 0; k < node.outputs; ++k)
          builder_.CreateCall(mulAdd, {bufferOf(id, streamOf(node, k, lane)), sampleStrideOf(id), mulIn, addIn, n});
      });
    }
    builder_.CreateRetVoid();
    state_ = callerState;
    blockOffset_ = nullptr;
    frames_ = llvm::ConstantInt::get(i32_, kBlockFrames);
    return nodeFn;
  }

  void emitProcess() {
    auto* type = llvm::FunctionType::get(voidTy_, {ptr_, ptr_, i32_}, false);
    processFn_ = llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage, "patch_process", *module_);
    // The arena and the output buffers never alias each other.
    processFn_->addParamAttr(0, llvm::Attribute::NoAlias);
    processFn_->addParamAttr(1, llvm::Attribute::NoAlias);
    llvm::Function* run = controlled_ ? emitSubBlock(false) : nullptr;
    llvm::Function* runAhead = controlled_ && anyAhead() ? emitSubBlock(true) : nullptr;
    llvm::Function* events = controlled_ ? emitEvents() : nullptr;

    state_ = processFn_->getArg(0);
    state_->setName("state");
    llvm::Value* outputs = processFn_->getArg(1);
    outputs->setName("outputs");
    llvm::Value* frames = processFn_->getArg(2);
    frames->setName("frames");

    auto* entry = llvm::BasicBlock::Create(context_, "entry", processFn_);
    auto* blockHead = llvm::BasicBlock::Create(context_, "block", processFn_);
    auto* exit = llvm::BasicBlock::Create(context_, "exit", processFn_);
    builder_.SetInsertPoint(entry);
    builder_.CreateCondBr(builder_.CreateICmpSGT(frames, llvm::ConstantInt::get(i32_, 0)), blockHead, exit);

    // for (offset = 0; offset < frames; offset += kBlockFrames): `frames` is a multiple of kBlockFrames (the
    // runtime's PatchInstance sees to it), so every loop below runs a constant number of times.
    builder_.SetInsertPoint(blockHead);
    llvm::PHINode* offset = builder_.CreatePHI(i32_, 2, "offset");
    offset->addIncoming(llvm::ConstantInt::get(i32_, 0), entry);

    if (controlled_) {
      // Sub-blocks: the handlers due at frame `pos` run, then the graph renders up to the next event.
      auto* subBlock = llvm::BasicBlock::Create(context_, "subblock", processFn_);
      auto* blockEnd = llvm::BasicBlock::Create(context_, "blockend", processFn_);
      if (runAhead)
        builder_.CreateCall(runAhead, {state_, outputs, offset, llvm::ConstantInt::get(i32_, 0),
                                       llvm::ConstantInt::get(i32_, kBlockFrames)});
      llvm::BasicBlock* before = builder_.GetInsertBlock();
      builder_.CreateBr(subBlock);
      builder_.SetInsertPoint(subBlock);
      llvm::PHINode* pos = builder_.CreatePHI(i32_, 2, "pos");
      pos->addIncoming(llvm::ConstantInt::get(i32_, 0), before);
      llvm::Value* n = builder_.CreateCall(events, {state_, pos});
      builder_.CreateCall(run, {state_, outputs, offset, pos, n});
      llvm::Value* nextPos = builder_.CreateAdd(pos, n);
      pos->addIncoming(nextPos, builder_.GetInsertBlock());
      builder_.CreateCondBr(builder_.CreateICmpSLT(nextPos, llvm::ConstantInt::get(i32_, kBlockFrames)), subBlock,
                            blockEnd);
      builder_.SetInsertPoint(blockEnd);
      // The control's clock: frames before the next block (reports carry their frame).
      llvm::Value* clock = statePointer(controlBase_ + ControlCodeGen::clockOffset());
      builder_.CreateStore(builder_.CreateAdd(builder_.CreateLoad(i64_, clock), llvm::ConstantInt::get(i64_, kBlockFrames)),
                           clock);
      // Events handlers added (addMidiEvent) last one block, as pyo's server empties its MIDI buffer after each;
      // with a source, the runtime empties the block after the one block it gave (PatchInstance::processBlock).
      if (midiBlock_ && ControlCodeGen::addsMidiEvents(graph_.control))
        builder_.CreateStore(llvm::ConstantInt::get(i32_, 0), statePointer(*midiBlock_ + offsetof(runtime::MidiEventBlock, count)));
    } else {
      emitBlockBody(outputs, offset, llvm::ConstantInt::get(i32_, kBlockFrames), nullptr);
    }

    llvm::Value* next = builder_.CreateAdd(offset, llvm::ConstantInt::get(i32_, kBlockFrames));
    offset->addIncoming(next, builder_.GetInsertBlock());
    builder_.CreateCondBr(builder_.CreateICmpSLT(next, frames), blockHead, exit);
    builder_.SetInsertPoint(exit);
    builder_.CreateRetVoid();

    finishInit();
  }

  bool anyAhead() const { return std::find(ahead_.begin(), ahead_.end(), true) != ahead_.end(); }

  // `void patch_run(state, outputs, blockStart, pos, n)`: frames [pos, pos + n) of the block at blockStart, of
  // the nodes rendered ahead (`ahead`, no output taps) or of the others.
  llvm::Function* emitSubBlock(bool ahead) {
    auto* type = llvm::FunctionType::get(voidTy_, {ptr_, ptr_, i32_, i32_, i32_}, false);
    auto* fn = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, ahead ? "patch_ahead" : "patch_run",
                                      *module_);
    fn->addFnAttr(llvm::Attribute::NoInline);
    fn->addParamAttr(0, llvm::Attribute::NoAlias);
    fn->addParamAttr(1, llvm::Attribute::NoAlias);
    builder_.SetInsertPoint(llvm::BasicBlock::Create(context_, "entry", fn));
    state_ = fn->getArg(0);
    emitBlockBody(fn->getArg(1), builder_.CreateAdd(fn->getArg(2), fn->getArg(3)), fn->getArg(4), fn->getArg(3),
                  ahead ? Nodes::Ahead : Nodes::Rest);
    builder_.CreateRetVoid();
    return fn;
  }

  llvm::Function* emitEvents() {
    ControlCodeGen::Addresses addresses;
    addresses.param = [this](llvm::IRBuilder<>& b, llvm::Value* state, ir::NodeId id, int lane) -> llvm::Value* {
      return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), state, controlOffset(id, lane));
    };
    addresses.sample = [this](llvm::IRBuilder<>& b, llvm::Value* state, ir::NodeId id, int lane,
                              llvm::Value* index) -> llvm::Value* {
      const NodeLayout& l = layouts_[id];
      llvm::Value* base = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), state, l.laneOffset(lane));
      return b.CreateInBoundsGEP(b.getFloatTy(), base, b.CreateMul(index, b.getInt32(uint32_t(l.sampleStride()))));
    };
    addresses.table = [this](llvm::IRBuilder<>& b, llvm::Value* state, ir::TableId id, int channel) -> llvm::Value* {
      return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), state, tableBuffer(id, channel));
    };
    addresses.array = [this](llvm::IRBuilder<>& b, llvm::Value* state, ir::NodeId id, size_t input) -> llvm::Value* {
      return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), state, arraySlot(id, input));
    };
    addresses.tableSize = [this](llvm::IRBuilder<>& b, llvm::Value* state, ir::TableId id) -> llvm::Value* {
      return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), state, tableSizeSlot(id));
    };
    addresses.data = [this](const ir::SampleArray& numbers) -> llvm::Constant* {
      return declareExternalData(*module_, info_->data, numbers);
    };
    addresses.midiEvents = [this](llvm::IRBuilder<>& b, llvm::Value* state) -> llvm::Value* {
      if (!midiBlock_) return nullptr;
      return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), state, *midiBlock_);
    };
    ControlCodeGen control(graph_, *module_, controlBase_, addresses, kBlockFrames);
    return control.emitEvents();
  }

  // Every node, then the output taps, for `n` frames written at `channelOffset` of each output channel; `pos`
  // (null for whole blocks) is the sub-block's first frame in its block.
  enum class Nodes { All, Ahead, Rest };
  void emitBlockBody(llvm::Value* outputs, llvm::Value* channelOffset, llvm::Value* n, llvm::Value* pos,
                     Nodes which = Nodes::All) {
    auto clear = helper("patchc_clear", {ptr_, i32_});
    auto accumulate = helper("patchc_accumulate", {ptr_, ptr_, i32_, i32_});

    for (ir::NodeId id : order_) {
      const ir::Node& node = graph_.node(id);
      if (node.stopped) continue;  // its buffer stays silent: stopped objects cost nothing
      if (which != Nodes::All && (which == Nodes::Ahead) != bool(ahead_[id])) continue;
      if (pos) builder_.CreateCall(emitNode(node), {state_, pos, n});
      else builder_.CreateCall(emitNode(node), {state_});
    }
    if (which == Nodes::Ahead) return;
    blockOffset_ = pos;  // the taps read the sub-block's frames of each buffer

    // Output channels: cleared, then each tap's lane i added into channel (first + i) % channels.
    const int channels = graph_.server.channels;
    auto channelPointer = [&](llvm::Value* channel) {
      llvm::Value* base = builder_.CreateLoad(ptr_, builder_.CreateInBoundsGEP(ptr_, outputs, channel));
      return builder_.CreateInBoundsGEP(floatTy_, base, channelOffset);
    };
    laneLoop(channels, "out.clear", [&](llvm::Value* ch) { builder_.CreateCall(clear, {channelPointer(ch), n}); });
    auto accumulateFrames = helper("patchc_accumulateFrames", {ptr_, i32_, i32_, i32_, ptr_, i32_, i32_, i32_, floatTy_});
    size_t liveTaps = 0;
    for (const auto& tap : graph_.outputs()) liveTaps += graph_.node(tap.node).stopped ? 0 : 1;
    if (liveTaps > kUnrolledTaps) emitOutputTable(outputs, channelOffset, n, accumulate, accumulateFrames, channelPointer);
    for (const auto& tap : graph_.outputs()) {
      if (liveTaps > kUnrolledTaps) break;
      const ir::Node& node = graph_.node(tap.node);
      if (node.stopped) continue;
      const int count = tap.whole() ? node.streams() : tap.laneCount;
      llvm::Value* firstLane = llvm::ConstantInt::get(i32_, static_cast<uint64_t>(tap.firstLane));
      if (layouts_[tap.node].frameMajor) {
        builder_.CreateCall(accumulateFrames,
                            {outputs, llvm::ConstantInt::get(i32_, static_cast<uint64_t>(channels)),
                             llvm::ConstantInt::get(i32_, static_cast<uint64_t>(tap.firstChannel)), channelOffset,
                             bufferOf(tap.node, firstLane), sampleStrideOf(tap.node),
                             llvm::ConstantInt::get(i32_, static_cast<uint64_t>(count)), n,
                             llvm::ConstantFP::get(floatTy_, layouts_[tap.node].tapGain)});
        continue;
      }
      laneLoop(count, fmt::format("out.n{}", node.id), [&](llvm::Value* i) {
        llvm::Value* channel = builder_.CreateURem(
            builder_.CreateAdd(i, llvm::ConstantInt::get(i32_, static_cast<uint64_t>(tap.firstChannel))),
            llvm::ConstantInt::get(i32_, static_cast<uint64_t>(channels)));
        builder_.CreateCall(accumulate, {channelPointer(channel), bufferOf(tap.node, builder_.CreateAdd(i, firstLane)),
                                         sampleStrideOf(tap.node), n});
      });
    }
    blockOffset_ = nullptr;
  }

  // Many taps (thousands of separate `.out()` calls): one loop over a constant table of what each tap sums
  // where, instead of a piece of code per tap (2500 of them took LLVM 14 s). A row is a frame-major tap (a
  // patchc_accumulateFrames call: lanes > 0) or one lane of a lane-major tap (patchc_accumulate: lanes 0), in the
  // order of the taps, so that every channel sums the same numbers in the same order as the unrolled code.
  template <typename ChannelPointer>
  void emitOutputTable(llvm::Value* outputs, llvm::Value* offset, llvm::Value* n, llvm::FunctionCallee accumulate,
                       llvm::FunctionCallee accumulateFrames, ChannelPointer channelPointer) {
    const int channels = graph_.server.channels;
    std::vector<int64_t> sources, strides, lanes, firstChannels;
    std::vector<float> gains;
    for (const auto& tap : graph_.outputs()) {
      const ir::Node& node = graph_.node(tap.node);
      if (node.stopped) continue;
      const NodeLayout& layout = layouts_[tap.node];
      const int count = tap.whole() ? node.streams() : tap.laneCount;
      if (layout.frameMajor) {
        sources.push_back(static_cast<int64_t>(layout.laneOffset(tap.firstLane)));
        strides.push_back(layout.sampleStride());
        lanes.push_back(count);
        firstChannels.push_back(tap.firstChannel);
        gains.push_back(layout.tapGain);
        continue;
      }
      for (int i = 0; i < count; ++i) {
        sources.push_back(static_cast<int64_t>(layout.laneOffset(tap.firstLane + i)));
        strides.push_back(layout.sampleStride());
        lanes.push_back(0);
        firstChannels.push_back((tap.firstChannel + i) % channels);
        gains.push_back(1.0f);
      }
    }
    const int rows = static_cast<int>(sources.size());
    auto* sourceTable = intArray(sources, "out.sources");
    auto* strideTable = intArray(strides, "out.strides");
    auto* laneTable = intArray(lanes, "out.lanes");
    auto* channelTable = intArray(firstChannels, "out.channels");
    auto* gainTable = constantArray(gains, "out.gains");
    auto* intTableTy = llvm::ArrayType::get(i64_, static_cast<uint64_t>(rows));
    auto* floatTableTy = llvm::ArrayType::get(floatTy_, static_cast<uint64_t>(rows));
    llvm::Value* zero = llvm::ConstantInt::get(i64_, 0);
    laneLoop(rows, "out.table", [&](llvm::Value* row) {
      llvm::Value* r = builder_.CreateZExt(row, i64_);
      auto load = [&](llvm::Value* table) {
        return builder_.CreateTrunc(
            builder_.CreateLoad(i64_, builder_.CreateInBoundsGEP(intTableTy, table, {zero, r})), i32_);
      };
      llvm::Value* source = builder_.CreateInBoundsGEP(
          llvm::Type::getInt8Ty(context_), state_,
          builder_.CreateLoad(i64_, builder_.CreateInBoundsGEP(intTableTy, sourceTable, {zero, r})));
      llvm::Value* stride = load(strideTable);
      source = shifted(source, stride);
      llvm::Value* laneCount = load(laneTable);
      llvm::Value* channel = load(channelTable);
      llvm::Value* gain = builder_.CreateLoad(floatTy_, builder_.CreateInBoundsGEP(floatTableTy, gainTable, {zero, r}));
      llvm::Function* fn = builder_.GetInsertBlock()->getParent();
      auto* frames = llvm::BasicBlock::Create(context_, "out.table.frames", fn);
      auto* lane = llvm::BasicBlock::Create(context_, "out.table.lane", fn);
      auto* next = llvm::BasicBlock::Create(context_, "out.table.next", fn);
      builder_.CreateCondBr(builder_.CreateICmpEQ(laneCount, llvm::ConstantInt::get(i32_, 0)), lane, frames);
      builder_.SetInsertPoint(frames);
      builder_.CreateCall(accumulateFrames, {outputs, llvm::ConstantInt::get(i32_, static_cast<uint64_t>(channels)),
                                             channel, offset, source, stride, laneCount, n, gain});
      builder_.CreateBr(next);
      builder_.SetInsertPoint(lane);
      builder_.CreateCall(accumulate, {channelPointer(channel), source, stride, n});
      builder_.CreateBr(next);
      builder_.SetInsertPoint(next);
    });
  }

  // The constant pool is known only after process is emitted: init stores it, then returns.
  void finishInit() {
    builder_.SetInsertPoint(initExit_);
    state_ = initFn_->getArg(0);
    for (size_t i = 0; i < pool_.size(); ++i)
      builder_.CreateStore(llvm::ConstantFP::get(floatTy_, pool_[i]), statePointer(poolBase_ + i * sizeof(float)));
    if (controlled_) {
      ControlCodeGen control(graph_, *module_, controlBase_, {}, kBlockFrames);
      llvm::IRBuilder<> b(builder_.GetInsertBlock());
      control.emitInit(b, state_);
    }
    builder_.CreateRetVoid();
  }

  // ---- stdlib ----

  void linkStdlib() {
    llvm::MemoryBufferRef buffer(
        llvm::StringRef(reinterpret_cast<const char*>(patchc_stdlib_bitcode), patchc_stdlib_bitcode_size), "stdlib.bc");
    // Lazily: only the functions the patch calls are read (the linker materializes what it links), not all
    // of the kernels, which took 4 ms of every compile.
    auto stdlib = llvm::getLazyBitcodeModule(buffer, context_);
    if (!stdlib) throw std::runtime_error("cannot read the embedded kernel bitcode: " + llvm::toString(stdlib.takeError()));
    (*stdlib)->setDataLayout(module_->getDataLayout());
    (*stdlib)->setTargetTriple(module_->getTargetTriple());
    if (llvm::Linker::linkModules(*module_, std::move(*stdlib), llvm::Linker::Flags::LinkOnlyNeeded))
      throw std::runtime_error("linking the kernel bitcode failed");
    for (auto& fn : *module_)
      if (fn.isDeclaration() && fn.getName().starts_with("patchc_"))
        throw std::runtime_error(fmt::format("kernel '{}' is missing from the stdlib bitcode", fn.getName().str()));
  }

  const ir::Graph& graph_;
  llvm::LLVMContext& context_;
  std::unique_ptr<llvm::Module> module_;
  llvm::IRBuilder<> builder_;
  llvm::Type* floatTy_;
  llvm::IntegerType* i32_;
  llvm::IntegerType* i64_;
  llvm::PointerType* ptr_;
  llvm::StructType* inTy_;
  llvm::StructType* laneInTy_;
  llvm::Type* voidTy_;
  llvm::GlobalVariable* env_ = nullptr;
  llvm::Function* initFn_ = nullptr;
  llvm::Function* processFn_ = nullptr;
  llvm::BasicBlock* initExit_ = nullptr;
  llvm::Value* state_ = nullptr;
  // Patches with callbacks (ir/Control.h) render sub-blocks: inside a node function, the sub-block's first frame
  // in the block (null for whole blocks) and its frames (the constant kBlockFrames for whole blocks).
  bool controlled_ = false;
  llvm::Value* blockOffset_ = nullptr;
  llvm::Value* frames_ = nullptr;
  size_t controlBase_ = 0;
  bool roomToGrow_ = false;  // buildModule's
  std::vector<std::string> tags_;  // nodeTag's, by node id (roomToGrow_ only)
  std::optional<size_t> midiBlock_;  // where the MIDI event block is, when a node reads it
  std::vector<ir::NodeId> order_;
  std::vector<bool> ahead_;  // rendered a block ahead of the rest (ir/Ahead.h)
  std::vector<NodeLayout> layouts_;
  std::vector<float> pool_;
  std::unordered_map<float, size_t> poolSlots_;  // value → its index in pool_
  size_t poolBase_ = 0;
  std::map<std::pair<ir::NodeId, size_t>, size_t> gatherOffsets_;  // (node, input) → its scratch in the arena
  static constexpr size_t kNotWritten = SIZE_MAX;
  std::map<std::pair<ir::NodeId, size_t>, size_t> arraySlots_;  // (node, input) → offset of its header
  std::vector<size_t> tableOffsets_;  // by TableId: its buffer in the arena, kNotWritten for constant tables
  ModuleInfo* info_ = nullptr;
};

}  // namespace

std::unique_ptr<llvm::Module> buildModule(const ir::Graph& graph, llvm::LLVMContext& context, ModuleInfo& info,
                                          bool roomToGrow) {
  return ModuleBuilder(graph, context, roomToGrow).build(info);
}

void optimizeModule(llvm::Module& module, llvm::TargetMachine& machine, int level) {
  module.setDataLayout(machine.createDataLayout());
  module.setTargetTriple(machine.getTargetTriple().str());
  const std::string cpu = machine.getTargetCPU().str();
  const std::string features = machine.getTargetFeatureString().str();
  for (auto& fn : module) {
    if (fn.isDeclaration()) continue;
    // Kernels were compiled for a baseline CPU: retarget them to the host, and inline them into the callback.
    fn.removeFnAttr("target-cpu");
    fn.removeFnAttr("target-features");
    fn.addFnAttr("target-cpu", cpu);
    if (!features.empty()) fn.addFnAttr("target-features", features);
    // patch_init runs once, before the audio starts: not worth the optimizer's time (a third of a small patch's
    // compile time went into it). Its kernels' init functions are still inlined into it.
    if (fn.getName() == "patch_init" && level > 0) {
      fn.addFnAttr(llvm::Attribute::OptimizeNone);
      fn.addFnAttr(llvm::Attribute::NoInline);
    }
    // Only the kernels: a node's own function keeps its noinline (emitNode).
    if (fn.getName().starts_with("patchc_")) {
      fn.removeFnAttr(llvm::Attribute::NoInline);
      fn.removeFnAttr(llvm::Attribute::OptimizeNone);
      fn.addFnAttr(llvm::Attribute::AlwaysInline);
      fn.setLinkage(llvm::GlobalValue::InternalLinkage);
    }
  }
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  // Vectorize at every level above 0: lane blocks are written to be vectorized (LLVM's O1 would not).
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  // PATCHC_LLVM_ARGS passes options to LLVM, for compiler developers: e.g. "-time-passes" (where the compile
  // time goes), "-print-after=loop-vectorize", "-pass-remarks-missed=loop-vectorize".
  static std::once_flag parsed;
  std::call_once(parsed, [] {
    if (const char* args = std::getenv("PATCHC_LLVM_ARGS")) {
      llvm::SmallVector<const char*, 8> argv{"patchc"};
      llvm::BumpPtrAllocator allocator;
      llvm::StringSaver saver(allocator);
      llvm::cl::TokenizeGNUCommandLine(args, saver, argv);
      llvm::cl::ParseCommandLineOptions(static_cast<int>(argv.size()), argv.data(), "PATCHC_LLVM_ARGS");
    }
  });
  llvm::PassInstrumentationCallbacks callbacks;
  llvm::StandardInstrumentations instrumentations(module.getContext(), false);
  instrumentations.registerCallbacks(callbacks, &fam);
  llvm::PassBuilder pb(&machine, tuning, std::nullopt, &callbacks);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel opt = level <= 0   ? llvm::OptimizationLevel::O0
                                : level == 1 ? llvm::OptimizationLevel::O1
                                : level == 2 ? llvm::OptimizationLevel::O2
                                             : llvm::OptimizationLevel::O3;
  llvm::ModulePassManager mpm;
  if (level > 0) {
    // Kernels into their callers first, then drop them: the kernel bitcode is optimized already, and only once
    // inlined with the code generator's constant strides and counts does it have anything new to simplify.
    // Otherwise LLVM's bottom-up inliner optimizes every kernel's generic body before inlining it (a third of
    // the compile time of a Phaser).
    mpm.addPass(llvm::AlwaysInlinerPass(/*InsertLifetimeIntrinsics=*/false));
    mpm.addPass(llvm::GlobalDCEPass());
  }
  mpm.addPass(level <= 0 ? pb.buildO0DefaultPipeline(opt) : pb.buildPerModuleDefaultPipeline(opt));
  mpm.run(module, mam);
}

std::string printModule(const llvm::Module& module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os, nullptr);
  return os.str();
}

namespace {
llvm::SmallVector<char, 0> emitFile(llvm::Module& module, llvm::TargetMachine& machine, llvm::CodeGenFileType type) {
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager pm;
  if (machine.addPassesToEmitFile(pm, os, nullptr, type))
    throw std::runtime_error("the target cannot emit this kind of file");
  pm.run(module);
  return buffer;
}
}  // namespace

std::string emitAssembly(llvm::Module& module, llvm::TargetMachine& machine) {
  auto text = emitFile(module, machine, llvm::CGFT_AssemblyFile);
  return std::string(text.data(), text.size());
}

std::unique_ptr<llvm::MemoryBuffer> emitObject(llvm::Module& module, llvm::TargetMachine& machine) {
  return std::make_unique<llvm::SmallVectorMemoryBuffer>(emitFile(module, machine, llvm::CGFT_ObjectFile),
                                                         module.getModuleIdentifier() + ".o", false);
}

}  // namespace patchc::codegen
