#include "ir/Verifier.h"

#include <fmt/format.h>

namespace patchc::ir {

namespace {
// A settable Constant may read Param slots (values handlers write between blocks), never a signal.
bool readsOnlyParams(const Graph& graph, const Signal& s) {
  for (const auto& lane : s.lanes) {
    if (lane.isConstant()) continue;
    if (lane.node >= graph.size()) return false;
    if (!graph.node(lane.node).holdsControlValue()) return false;
  }
  return true;
}
}  // namespace

std::vector<std::string> verify(const Graph& graph) {
  std::vector<std::string> problems;
  bool missingNode = false;  // an edge to a node that does not exist: no order can be computed over it
  auto fail = [&](const Node& node, const std::string& what) {
    problems.push_back(fmt::format("node {} ({}): {}", node.id, node.identity(), what));
  };
  for (const auto& node : graph.nodes()) {
    if (node.lanes < 1) fail(node, "has no lanes");
    if (node.outputs < 1) fail(node, "has no outputs");
    // Every lane has the outputs its declaration gives its constants (Pan's outs), the same for all lanes.
    for (int lane = 0; lane < node.lanes && node.outputs >= 1; ++lane)
      if (node.inputs.size() == (node.spec ? node.spec->inputs.size() + 2 : 3) &&
          declaredOutputs(node, lane) != node.outputs) {
        fail(node, fmt::format("has {} outputs, its op gives lane {} {}", node.outputs, lane,
                               declaredOutputs(node, lane)));
        break;
      }
    size_t expected = node.kind == NodeKind::Mix ? 3 : (node.spec ? node.spec->inputs.size() + 2 : 0);
    if (node.kind == NodeKind::Object && !node.spec) fail(node, "object node without a registry entry");
    if (node.kind == NodeKind::Object && node.spec && graph.registry && !graph.registry->owns(node.spec))
      fail(node, fmt::format("its op {} is not an entry of the graph's registry", node.spec->name));
    if (node.inputs.size() != expected)
      fail(node, fmt::format("has {} inputs, its op takes {}", node.inputs.size(), expected));
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      const Signal& s = node.inputs[i];
      if (s.lanes.empty()) fail(node, fmt::format("input {} has no lanes", i));
      if (s.rate != inferRate(s)) fail(node, fmt::format("input {} has a stale rate", i));
      if (node.kind == NodeKind::Object && node.spec && i < node.spec->inputs.size() &&
          node.spec->inputs[i].kind == InputKind::Constant && !s.isConstant() &&
          !(node.spec->inputs[i].settable && readsOnlyParams(graph, s)))
        fail(node, fmt::format("input '{}' must be a constant", node.spec->inputs[i].name));
      if (node.kind == NodeKind::Object && s.width() > node.lanes)
        fail(node, fmt::format("input {} is wider ({}) than the node ({})", i, s.width(), node.lanes));
      for (const auto& lane : s.lanes) {
        if (lane.isConstant()) continue;
        if (lane.node >= graph.size()) {
          fail(node, fmt::format("input {} reads missing node {}", i, lane.node));
          missingNode = true;
          continue;
        }
        if (lane.lane < 0 || lane.lane >= graph.node(lane.node).lanes)
          fail(node, fmt::format("input {} reads lane {} of node {} which has {}", i, lane.lane, lane.node,
                                 graph.node(lane.node).lanes));
        if (lane.output < 0 || lane.output >= graph.node(lane.node).outputs)
          fail(node, fmt::format("input {} reads output {} of node {} which has {}", i, lane.output, lane.node,
                                 graph.node(lane.node).outputs));
      }
    }
    for (const auto& array : node.arrays) {
      if (!array.assignedWhilePlaying()) continue;
      if (array.table || !array.tables.empty() || array.lanes.size() != 1 || array.lanes[0].size() > array.capacity)
        fail(node, fmt::format("array input {} assigned while playing must be one list of at most {} numbers, "
                               "not a table",
                               array.input, array.capacity));
      if (node.spec && (array.input >= node.spec->inputs.size() || !node.spec->inputs[array.input].settable))
        fail(node, fmt::format("array input {} is assigned while playing but its op does not declare it settable",
                               array.input));
    }
  }
  // What handlers assign to arrays fits their slots.
  auto checkArrays = [&](const std::vector<Statement>& body, auto& self) -> void {
    for (const auto& s : body) {
      if (s.kind == Statement::Kind::SetArray && s.node < graph.size()) {
        const Node::ArrayInput* array = graph.node(s.node).arrayFor(static_cast<size_t>(s.index));
        if (!array || !array->assignedWhilePlaying() || s.arguments.size() > array->capacity)
          problems.push_back(fmt::format("control: node {}'s array input {} gets {} numbers: it has no slot that "
                                         "holds them",
                                         s.node, s.index, s.arguments.size()));
      }
      self(s.then, self);
      self(s.otherwise, self);
    }
  };
  for (const auto& h : graph.control.handlers) checkArrays(h.body, checkArrays);
  for (const auto& refill : graph.control.refills)
    if (refill.table >= graph.tables.size() || !graph.tables[refill.table].written ||
        graph.tables[refill.table].channels.size() != 1 || refill.arguments.size() > refill.capacity)
      problems.push_back(fmt::format("control: table {} is recomputed while playing but is not one written channel, "
                                     "or its arguments do not fit",
                                     refill.table));
  for (const auto& source : graph.control.soundSources)
    if (source.table >= graph.tables.size() || !graph.tables[source.table].written ||
        !graph.tables[source.table].resizable() || source.channels.empty())
      problems.push_back(fmt::format("control: table {} takes a sound file while playing but is not a resizable "
                                     "written table, or the file has no channel",
                                     source.table));
  if (!missingNode && graph.size() > 0) {
    const std::vector<NodeId> order = graph.topologicalOrder();
    if (order.empty()) {
      problems.push_back("the graph has a cycle");
    } else {
      // Tables written while the patch plays: each is marked written (codegen gives it a buffer), and each writer
      // runs before the table's readers (docs/tables.md).
      std::vector<size_t> position(graph.size());
      for (size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
      for (const auto& node : graph.nodes())
        if (auto table = tableWrittenBy(node); table && (*table >= graph.tables.size() || !graph.tables[*table].written))
          fail(node, fmt::format("writes table {}, which is not marked written", *table));
      for (const auto& [writer, reader] : graph.tableOrderEdges())
        if (position[writer] > position[reader])
          problems.push_back(fmt::format("node {} reads a table that node {} writes, before it is written", reader,
                                         writer));
    }
  }
  for (const auto& tap : graph.outputs()) {
    if (tap.node >= graph.size()) problems.push_back(fmt::format("output tap reads missing node {}", tap.node));
    if (tap.firstChannel < 0) problems.push_back("output tap with a negative channel");
    if (tap.node < graph.size() &&
        (tap.firstLane < 0 || tap.laneCount < 0 || tap.firstLane + tap.laneCount > graph.node(tap.node).streams()))
      problems.push_back(fmt::format("output tap reads streams outside node {}", tap.node));
  }
  // The indexes passes ask for readers and taps must follow every change a pass made.
  if (auto problem = graph.indexProblem(); !problem.empty()) problems.push_back(problem);
  if (graph.server.channels < 1) problems.push_back("the server has no output channel");
  if (graph.server.sampleRate <= 0) problems.push_back("the server's sample rate is not positive");
  // The control program: sound references, and what it writes is a Param (a value between blocks).
  if (auto problem = graph.control.problem(graph.size()); !problem.empty()) problems.push_back("control: " + problem);
  return problems;
}

}  // namespace patchc::ir
