// What a patch makes init allocate, computed on the graph in 64 bits before anything is allocated (issue 7):
// each node's lanes × (its kernel's per-lane state + a block of output buffer per output), plus the arrays it was given (a sound
// file's samples). The elaborator refuses a patch over the `state-bytes` limit at the object that needs the most;
// codegen lays out the arena with the same per-lane sizes.
#pragma once

#include "ir/Graph.h"
#include "support/SourceLocation.h"

#include <cstdint>
#include <optional>
#include <string>

namespace patchc::ir {

// A node's output buffer per lane and output: one block of floats (codegen::kBlockFrames, which static_asserts it).
inline constexpr uint64_t kBlockFloats = 64;
inline constexpr uint64_t kBufferBytesPerLane = kBlockFloats * sizeof(float);
// An array handlers assign (Node::ArrayInput::capacity): its count (an int32) in a header this long, then the floats.
inline constexpr uint64_t kArraySlotHeaderBytes = 16;
// A table callbacks resize (Table::capacity): its size (an int32) in a header this long before its channels.
inline constexpr uint64_t kTableSizeHeaderBytes = 64;

// The constant value of each input for `lane` (NaN where the input is not constant): what stateBytesFor reads.
ConstantInputs constantsForLane(const Node& node, int lane);

struct NodeStateSize {
  uint64_t laneState = 0;   // the largest per-lane kernel state, before alignment
  uint64_t laneStride = 0;  // laneState aligned to the spec's stateAlign (at least 16), at least one alignment
  uint64_t arrays = 0;      // bytes of the node's array inputs (a sound file's samples)
  uint64_t total = 0;       // lanes × (laneStride + outputs × buffer) + arrays, saturating
};
NodeStateSize stateSizeOf(const Node& node, double sampleRate);

// The buffers of the tables written while the patch plays (Table::written): channels × (size + 1) floats each,
// counted once for the table, whatever number of nodes read or write it.
uint64_t writtenTableBytes(const Graph& graph);

// "1.76 GiB" (binary units, three significant digits), or "N bytes" below 1 KiB.
std::string describeBytes(uint64_t bytes);

struct StateLimitError {
  SourceRange range;
  std::string message;
};
// Null when the whole patch's state fits `limit` bytes; otherwise the diagnostic, at the node needing the most.
std::optional<StateLimitError> checkStateBytes(const Graph& graph, uint64_t limit);

}  // namespace patchc::ir
