#include "ir/StateSize.h"

#include "stdlib/CheckedSize.h"
#include "support/Limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace patchc::ir {

ConstantInputs constantsForLane(const Node& node, int lane) {
  ConstantInputs constants;
  constants.values.reserve(node.inputs.size());
  for (const auto& input : node.inputs) {
    const auto& source = input.forLane(lane);
    constants.values.push_back(source.isConstant() ? source.value : NAN);
  }
  return constants;
}

NodeStateSize stateSizeOf(const Node& node, double sampleRate) {
  NodeStateSize size;
  const uint64_t lanes = static_cast<uint64_t>(std::max(node.lanes, 1));
  // One block per output of each lane (Node::outputs).
  uint64_t perLane = saturatingMul(kBufferBytesPerLane, static_cast<uint64_t>(std::max(node.outputs, 1)));
  if (node.kind == NodeKind::Object) {
    const ObjectSpec& spec = *node.spec;
    if (spec.stateBytesFor) {
      for (int lane = 0; lane < node.lanes; ++lane)
        size.laneState = std::max(size.laneState, spec.laneStateBytes(constantsForLane(node, lane), sampleRate));
    } else {
      size.laneState = spec.stateBytes;
    }
    const uint64_t align = std::max<uint64_t>(spec.stateAlign, 16);
    size.laneStride = saturatingAlignUp(std::max<uint64_t>(size.laneState, 1), align);
    perLane = saturatingAdd(perLane, size.laneStride);
  }
  for (const auto& array : node.arrays) {
    for (const auto& lane : array.lanes) size.arrays = saturatingAdd(size.arrays, saturatingMul(lane.size(), sizeof(float)));
    if (array.assignedWhilePlaying())  // its slot: a count and `capacity` floats (Graph.h)
      size.arrays = saturatingAdd(size.arrays, saturatingAdd(kArraySlotHeaderBytes, saturatingMul(array.capacity, sizeof(float))));
  }
  size.total = saturatingAdd(saturatingMul(lanes, perLane), size.arrays);
  return size;
}

uint64_t writtenTableBytes(const Graph& graph) {
  uint64_t bytes = 0;
  for (const auto& table : graph.tables) {
    if (!table.written) continue;
    // A table callbacks resize holds its capacity (Table.h) and a header with its size.
    const uint64_t floats = table.resizable() ? std::max<uint64_t>(table.capacity, table.size()) + 1 : table.size() + 1;
    if (table.resizable()) bytes = saturatingAdd(bytes, kTableSizeHeaderBytes);
    bytes = saturatingAdd(bytes, saturatingMul(saturatingMul(floats, sizeof(float)), table.channels.size()));
  }
  return bytes;
}

std::string describeBytes(uint64_t bytes) {
  if (bytes == kSaturatedSize) return "more than 16 EiB";
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  static const char* const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes) / 1024.0;
  int unit = 0;
  while (value >= 1024.0 && unit < 5) {
    value /= 1024.0;
    ++unit;
  }
  // Three significant digits without an exponent (1000 KiB, not 1e+03 KiB), trailing zeros dropped.
  std::string digits = fmt::format("{:.{}f}", value, value >= 100.0 ? 0 : value >= 10.0 ? 1 : 2);
  if (digits.find('.') != std::string::npos) {
    digits.erase(digits.find_last_not_of('0') + 1);
    if (digits.back() == '.') digits.pop_back();
  }
  return digits + " " + units[unit];
}

namespace {

// What makes a node's state as big as it is: the lanes, and the constant inputs that size it.
std::string explainSize(const Node& node, const NodeStateSize& size, double sampleRate) {
  std::string lanes = fmt::format("{} lane{}", node.lanes, node.lanes == 1 ? "" : "s");
  if (size.arrays > size.total / 2) return fmt::format("{} of arrays or sound file samples", describeBytes(size.arrays));
  const uint64_t buffers = saturatingMul(kBufferBytesPerLane, static_cast<uint64_t>(std::max(node.outputs, 1)));
  std::string why = fmt::format("{} × {} each", lanes, describeBytes(saturatingAdd(size.laneStride, buffers)));
  if (node.kind != NodeKind::Object || !node.spec->stateBytesFor) return why;
  std::string constants;
  for (size_t i = 0; i < node.spec->inputs.size() && i < node.inputs.size(); ++i) {
    const auto& spec = node.spec->inputs[i];
    if (spec.kind != InputKind::Constant || spec.hidden || !node.inputs[i].isUniformConstant()) continue;
    constants += fmt::format("{}{}={:g}", constants.empty() ? "" : ", ", spec.name, node.inputs[i].lanes[0].value);
  }
  return fmt::format("{}: {}{}at {:g} Hz", why, constants, constants.empty() ? "" : " ", sampleRate);
}

}  // namespace

std::optional<StateLimitError> checkStateBytes(const Graph& graph, uint64_t limit) {
  uint64_t total = writtenTableBytes(graph);
  const Node* biggest = nullptr;
  NodeStateSize biggestSize;
  for (const auto& node : graph.nodes()) {
    NodeStateSize size = stateSizeOf(node, graph.server.sampleRate);
    total = saturatingAdd(total, size.total);
    if (!biggest || size.total > biggestSize.total) {
      biggest = &node;
      biggestSize = size;
    }
  }
  if (total <= limit || !biggest) return std::nullopt;
  const std::string why = explainSize(*biggest, biggestSize, graph.server.sampleRate);
  const std::string hint = limitHint("state-bytes", limit);
  if (biggestSize.total > limit)
    return StateLimitError{biggest->origin,
                           fmt::format("{} needs {} of state ({}), more than a patch may allocate, {} {}",
                                       biggest->opName(), describeBytes(biggestSize.total), why, describeBytes(limit),
                                       hint)};
  return StateLimitError{biggest->origin,
                         fmt::format("the patch needs {} of state, more than it may allocate, {}; the biggest part is "
                                     "this {}: {} ({}) {}",
                                     describeBytes(total), describeBytes(limit), biggest->opName(),
                                     describeBytes(biggestSize.total), why, hint)};
}

}  // namespace patchc::ir
