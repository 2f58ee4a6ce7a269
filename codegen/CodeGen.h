// Graph IR → LLVM IR (DESIGN §6): one module per patch with
//   void patch_init(char* state)                                   — every node's initial state
//   void patch_process(char* state, float** outputs, int frames)   — the fused audio callback
// Kernels come from the embedded stdlib bitcode and are always inlined into each node's function, which
// `patch_process` calls once per block; LLVM optimizes them for the host CPU. All state and buffers live in one
// arena sized here; the callback never allocates.
#pragma once

#include "codegen/ExternalData.h"
#include "ir/Graph.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>
#include <string>

namespace patchc::codegen {

// Frames computed per node before the next node runs: small enough that a node's lanes stay in cache. The
// generated `patch_process` takes only multiples of it (runtime::PatchABI::blockFrames).
constexpr int kBlockFrames = 64;

struct ModuleInfo {
  size_t stateBytes = 0;
  size_t stateAlign = 64;
  // Where the state keeps its queue of reports (runtime/ReportQueue.h), when something prints.
  std::optional<size_t> reportQueue;
  // One format per Control::messages entry, as PatchABI::reportFormats has them (runtime/Reports.h's markers).
  std::vector<std::string> reportFormats;
  // Where the state keeps the current block's MIDI events (runtime/MidiEventBlock.h), when a MIDI object reads them.
  std::optional<size_t> midiEvents;
  // Where the state keeps the queue of MIDI messages the handlers send (runtime/MidiOutQueue.h), when one does.
  std::optional<size_t> midiOut;
  // The large arrays the module declares and its linker must define (ExternalData.h).
  std::vector<ExternalData> data;
  // Where each node keeps its state and its last block, under a name that survives recompiling the same script
  // with more statements after it (StateMap.h: what a hot swap carries over).
  // The control program's state is listed here too ("timer:...", "global:...", "random", "clock").
  struct NodeState {
    std::string identity;  // "Sine:a@3:5#0": kind, variable, where it was made, and which of the nodes made there
    size_t stateOffset = 0, stateBytes = 0;
    size_t bufferOffset = 0, bufferBytes = 0;
    // What the script set it up with (its constant inputs, lists, lanes; a global's or a timer's first value): a
    // node whose set-up changed starts from its new one, since its state may hold what init derived from it.
    uint64_t configuration = 0;
    // Per lane, for a node whose lanes may come from several objects (lane-fuse): each lane's identity and set-up,
    // and where its state is (stateOffset + lane × laneStride), so that a lane carries over when the node as a
    // whole does not (an object fused with the ones before it).
    size_t laneStride = 0;
    std::vector<std::string> laneIdentities;
    std::vector<uint64_t> laneConfigurations;
  };
  std::vector<NodeState> nodes;
};

// The module's runtime::PatchABI, a global of this name (what the JIT looks up and a native executable's main
// reads).
constexpr const char* kAbiSymbol = "patchc_abi";

// Builds the patch's module (kernels linked in, not yet optimized). Throws std::runtime_error on an internal
// error (a kernel missing from the bitcode, say).
//
// `roomToGrow` (the REPL, whose edits recompile only what changed: ObjectCache.h) lays the nodes out in the order
// the script made them and gives each room for twice its lanes, so that a statement typed later, or an object
// fused into a node that already plays, moves no other node's state: their code, which names its offsets, stays
// the same.
std::unique_ptr<llvm::Module> buildModule(const ir::Graph& graph, llvm::LLVMContext& context, ModuleInfo& info,
                                          bool roomToGrow = false);

// Sets the target, makes kernels inlinable and private, and runs LLVM's optimization pipeline at `level`
// (0–3) for `machine`.
void optimizeModule(llvm::Module& module, llvm::TargetMachine& machine, int level);

// The module as text, as assembly for `machine`, and as an object file for it (what the JIT links).
std::string printModule(const llvm::Module& module);
std::string emitAssembly(llvm::Module& module, llvm::TargetMachine& machine);
std::unique_ptr<llvm::MemoryBuffer> emitObject(llvm::Module& module, llvm::TargetMachine& machine);

}  // namespace patchc::codegen
