// dce — the manual's "stop your unused audio objects": what reaches no output is not computed, and a stopped
// object is silence, so its readers read zeros and it costs nothing. Exact.
#include "optimizer/GraphQueries.h"
#include "optimizer/Passes.h"

#include <fmt/format.h>

#include <algorithm>

namespace patchc::opt {
namespace {

bool drawsRandom(const ir::Control& control, int e) {
  if (e < 0) return false;
  const ir::Expression& x = control.expression(e);
  if (x.op == ir::Expression::Op::Random || x.op == ir::Expression::Op::RandomBelow) return true;
  for (int operand : {x.a, x.b, x.c})
    if (drawsRandom(control, operand)) return true;
  for (int operand : x.arguments)
    if (drawsRandom(control, operand)) return true;
  return false;
}

// The nodes a handler statement writes with a value that draws random numbers (`v.value = random.uniform(0, 1)`):
// removing the node removes the statement, and with it its draws, so that every later draw of the run-time
// generator would come out shifted (found by patchc-difffuzz's callbacks). They stay, unread.
void writtenWithDraws(const ir::Control& control, const std::vector<ir::Statement>& body,
                      std::vector<ir::NodeId>& out) {
  for (const auto& s : body) {
    if (s.kind == ir::Statement::Kind::SetParam && drawsRandom(control, s.expression)) out.push_back(s.node);
    if (s.kind == ir::Statement::Kind::SetArray &&
        std::any_of(s.arguments.begin(), s.arguments.end(), [&](int a) { return drawsRandom(control, a); }))
      out.push_back(s.node);  // `line.list = [(0, random.random()), ...]`: the same
    writtenWithDraws(control, s.then, out);
    writtenWithDraws(control, s.otherwise, out);
  }
}

}  // namespace

bool DeadCodeElimination::run(ir::Graph& graph, Remarks& remarks) {
  bool changed = false;
  // A stopped node outputs silence: its readers read constant zeros.
  for (const auto& node : graph.nodes()) {
    if (!node.stopped || !graph.hasReaders(node.id)) continue;
    graph.replaceUses(node.id, [](int) { return ir::LaneSource::constant(0.0f); });
    changed = true;
  }
  // Live: the nodes output taps read, and everything they read.
  std::vector<bool> live(graph.size(), false);
  std::vector<ir::NodeId> work;
  for (const auto& tap : graph.outputs())
    if (!graph.node(tap.node).stopped) work.push_back(tap.node);
  for (ir::NodeId id : graph.control.nodesRead()) work.push_back(id);  // what handlers read (`obj.get()`)
  for (const auto& handler : graph.control.handlers) writtenWithDraws(graph.control, handler.body, work);
  // A writer of a table (TableRec) outputs nothing anyone reads: it lives while its table has a reader.
  for (const auto& [writer, reader] : graph.tableOrderEdges())
    if (!graph.node(writer).stopped) work.push_back(writer);
  while (!work.empty()) {
    ir::NodeId id = work.back();
    work.pop_back();
    if (live[id]) continue;
    live[id] = true;
    for (const auto& input : graph.node(id).inputs)
      for (const auto& lane : input.lanes)
        if (!lane.isConstant()) work.push_back(lane.node);
  }
  std::vector<bool> dead(graph.size(), false);
  for (const auto& node : graph.nodes()) {
    if (live[node.id]) continue;
    dead[node.id] = true;
    changed = true;
    if (node.replaced || (node.kind == ir::NodeKind::Object && node.spec->internal)) continue;  // nothing to teach
    remarks.passed(name(), node.origin,
                   node.stopped ? fmt::format("{} is stopped: it is not computed", describe(node))
                                : fmt::format("{} reaches no output: it is not computed", describe(node)));
  }
  if (changed) graph.removeNodes(dead);
  return changed;
}

}  // namespace patchc::opt
