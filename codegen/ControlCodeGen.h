// The control program (ir/Control.h) → LLVM IR: each handler a function, and `patch_events`, which the
// generated callback calls between sub-blocks to run the handlers due at this sample and to say how many
// frames to render before the next event (the block is split at the event, never rounded to its edge).
//
// Its state, in the patch's arena (`bytes()` of it at `base`): the frame clock, the globals the handlers change
// (doubles), each timer's frames to wait and period, each watch's last value, Python's Mersenne Twister continued
// from where compiling left it, and the queue of reports (runtime/ReportQueue.h) when something prints.
#pragma once

#include "codegen/CodeGen.h"
#include "ir/Graph.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace patchc::codegen {

class ControlCodeGen {
 public:
  // Where the arena keeps what handlers read and write: a Param's value for a lane, and sample `index` (0–63)
  // of a node's lane in its output buffer.
  struct Addresses {
    std::function<llvm::Value*(llvm::IRBuilder<>&, llvm::Value* state, ir::NodeId, int lane)> param;
    std::function<llvm::Value*(llvm::IRBuilder<>&, llvm::Value* state, ir::NodeId, int lane, llvm::Value* index)>
        sample;
    // Channel `channel` of a table handlers write (ir::markTableWritten before codegen): size + 1 floats, the
    // guard point last, which the handler keeps as the table's kind sets it (docs/tables.md).
    std::function<llvm::Value*(llvm::IRBuilder<>&, llvm::Value* state, ir::TableId, int channel)> table;
    // The slot of an Array input handlers assign (Node::ArrayInput::capacity): an int32 count in a header of
    // ir::kArraySlotHeaderBytes, then the floats.
    std::function<llvm::Value*(llvm::IRBuilder<>&, llvm::Value* state, ir::NodeId, size_t input)> array;
    // The size (an int32) of a table callbacks resize (ir::Table::capacity); only for those.
    std::function<llvm::Value*(llvm::IRBuilder<>&, llvm::Value* state, ir::TableId)> tableSize;
    // A sound file's samples that setSound()/insert()/append() copy from: an external global (ExternalData.h).
    std::function<llvm::Constant*(const ir::SampleArray&)> data;
    // The state's block of the current MIDI events (runtime/MidiEventBlock.h), or null when no object reads one.
    std::function<llvm::Value*(llvm::IRBuilder<>&, llvm::Value* state)> midiEvents;
  };

  ControlCodeGen(const ir::Graph& graph, llvm::Module& module, size_t base, Addresses addresses, int blockFrames);

  // Bytes of arena the control state takes (aligned to 8).
  static size_t bytes(const ir::Control& control);
  // Offsets from `base` of the frame clock (an i64: frames before the current block, which the callback
  // advances) and of the report queue (none: the control prints nothing).
  static size_t clockOffset();
  static std::optional<size_t> reportQueueOffset(const ir::Control& control);
  // Offset from `base` of the queue of MIDI messages handlers send (runtime/MidiOutQueue.h), if any does.
  static std::optional<size_t> midiOutOffset(const ir::Control& control);
  // Whether a handler adds events to the patch's MIDI input (pyo's addMidiEvent in a callback).
  static bool addsMidiEvents(const ir::Control& control);

  // The pieces of control state a hot swap may carry (ModuleInfo::nodes, StateMap.h): the clock, each global a
  // handler changes, each timer (with its watches' last values) and the random generator, at offsets from 0.
  static std::vector<ModuleInfo::NodeState> carriedState(const ir::Control& control, size_t base);

  // Stores the initial control state (globals, timers, random generator) into `state`, at the builder's point.
  void emitInit(llvm::IRBuilder<>& builder, llvm::Value* state);

  // `i32 patch_events(ptr state, i32 pos)`: runs every handler due at frame `pos` of the block, then returns
  // how many frames (1 to blockFrames − pos) to render before the next event, and counts them off every timer.
  llvm::Function* emitEvents();

 private:
  struct Emitter;
  llvm::Value* watchFires(Emitter& e, ir::Timer::Kind kind, llvm::Value* sample, llvm::Value* last);
  void emitWatch(Emitter& e, int timer, size_t watch, const std::vector<llvm::Function*>& handlers);
  llvm::Value* emitScan(Emitter& e, int timer, size_t watch, llvm::Value* pos, llvm::Value* limit);
  const ir::Graph& graph_;
  llvm::Module& module_;
  size_t base_;
  Addresses addresses_;
  int blockFrames_;
};

}  // namespace patchc::codegen
