// The graph's reader and tap indexes (ir/Graph.h): passes ask each node for its readers and taps, so the answers
// come from indexes that every change keeps, and the verifier says when one did not.
#include "ir/Graph.h"
#include "ir/Verifier.h"

#include <gtest/gtest.h>

namespace patchc::ir {
namespace {

// A node of `op` whose first input reads `source` (lanes as given), every other input its default.
NodeId addNode(Graph& graph, const char* op, Signal source = Signal::constant(440.0f)) {
  const ObjectSpec* spec = Registry::builtin().find(op);
  Node& node = graph.add(NodeKind::Object, spec, 1, {});
  for (const auto& input : spec->inputs) node.inputs.push_back(Signal::constant(input.defaultValue.value_or(0.0f)));
  node.inputs.push_back(Signal::constant(1.0f));  // mul
  node.inputs.push_back(Signal::constant(0.0f));  // add
  node.inputs[0] = std::move(source);
  graph.updateShape(node);
  return node.id;
}

Signal lanesOf(NodeId node, int lanes) {
  Signal s;
  for (int l = 0; l < lanes; ++l) s.lanes.push_back(LaneSource::of(node, l));
  s.rate = Rate::Audio;
  return s;
}

TEST(ReaderIndex, ListsEachReaderOnceInOrder) {
  Graph graph;
  NodeId a = addNode(graph, "Sine");
  NodeId f = addNode(graph, "ButLP", Signal{{LaneSource::of(a, 0), LaneSource::of(a, 0)}, Rate::Audio});
  NodeId g = addNode(graph, "ButHP", lanesOf(a, 1));
  EXPECT_EQ(graph.readersOf(a), (std::vector<NodeId>{f, g}));
  EXPECT_TRUE(graph.readersOf(f).empty());
  EXPECT_FALSE(graph.hasReaders(g));
  EXPECT_EQ(graph.indexProblem(), "");
}

TEST(ReaderIndex, FollowsReplaceNode) {
  Graph graph;
  NodeId a = addNode(graph, "Sine");
  NodeId b = addNode(graph, "Sine", Signal::constant(220.0f));
  NodeId f = addNode(graph, "ButLP", lanesOf(a, 1));
  NodeId g = addNode(graph, "ButHP", lanesOf(a, 1));
  ASSERT_EQ(graph.readersOf(a).size(), 2u);  // builds the index before the change
  graph.replaceNode(a, b);
  EXPECT_TRUE(graph.readersOf(a).empty());
  EXPECT_EQ(graph.readersOf(b), (std::vector<NodeId>{f, g}));
  EXPECT_EQ(graph.node(f).inputs[0].lanes[0], LaneSource::of(b, 0));
  EXPECT_EQ(graph.indexProblem(), "");
}

TEST(ReaderIndex, FollowsReplaceUsesByConstantsAndByTheSameNode) {
  Graph graph;
  NodeId a = addNode(graph, "Sine");
  NodeId b = addNode(graph, "Sine", Signal::constant(220.0f));
  // f reads a and b; g reads a twice.
  NodeId f = addNode(graph, "Mul", lanesOf(a, 1));
  graph.node(f).inputs[1] = lanesOf(b, 1);
  graph.updateShape(graph.node(f));
  NodeId g = addNode(graph, "ButLP", Signal{{LaneSource::of(a, 0), LaneSource::of(a, 0)}, Rate::Audio});
  ASSERT_EQ(graph.readersOf(a), (std::vector<NodeId>{f, g}));
  graph.replaceUses(a, [](int) { return LaneSource::constant(0.0f); });
  EXPECT_FALSE(graph.hasReaders(a));
  EXPECT_EQ(graph.readersOf(b), (std::vector<NodeId>{f}));
  EXPECT_EQ(graph.node(g).inputs[0].rate, Rate::Const);
  // A replacement that still reads the node keeps the reader listed.
  graph.replaceUses(b, [b](int lane) { return LaneSource::of(b, lane); });
  EXPECT_EQ(graph.readersOf(b), (std::vector<NodeId>{f}));
  EXPECT_EQ(graph.indexProblem(), "");
}

TEST(ReaderIndex, FollowsRemoveNodesRenumbering) {
  Graph graph;
  NodeId dead = addNode(graph, "Sine", Signal::constant(1.0f));
  NodeId a = addNode(graph, "Sine");
  NodeId f = addNode(graph, "ButLP", lanesOf(a, 1));
  ASSERT_EQ(graph.readersOf(a), (std::vector<NodeId>{f}));
  std::vector<bool> remove(graph.size(), false);
  remove[dead] = true;
  graph.removeNodes(remove);
  // a is now node 0 and f node 1.
  EXPECT_EQ(graph.readersOf(0), (std::vector<NodeId>{1}));
  EXPECT_TRUE(graph.readersOf(1).empty());
  EXPECT_EQ(graph.indexProblem(), "");
}

TEST(ReaderIndex, FollowsNodesAddedAndRewiredThroughInputsChanged) {
  Graph graph;
  NodeId a = addNode(graph, "Sine");
  NodeId b = addNode(graph, "Sine", Signal::constant(220.0f));
  NodeId f = addNode(graph, "ButLP", lanesOf(a, 1));
  ASSERT_EQ(graph.readersOf(a), (std::vector<NodeId>{f}));
  NodeId g = addNode(graph, "ButHP", lanesOf(b, 1));  // added after the index was built
  EXPECT_EQ(graph.readersOf(b), (std::vector<NodeId>{g}));
  graph.node(f).inputs[0] = lanesOf(b, 1);
  graph.inputsChanged(f);
  EXPECT_TRUE(graph.readersOf(a).empty());
  EXPECT_EQ(graph.readersOf(b), (std::vector<NodeId>{f, g}));
  EXPECT_EQ(graph.indexProblem(), "");
}

TEST(ReaderIndex, TheVerifierNamesAPassThatRewiredWithoutSaying) {
  Graph graph;
  NodeId a = addNode(graph, "Sine");
  NodeId b = addNode(graph, "Sine", Signal::constant(220.0f));
  NodeId f = addNode(graph, "ButLP", lanesOf(a, 1));
  graph.addOutput({f, 0, {}});
  ASSERT_EQ(graph.readersOf(a).size(), 1u);
  graph.node(f).inputs[0] = lanesOf(b, 1);  // no inputsChanged: the index is stale
  auto problems = verify(graph);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.front().find("reader index"), std::string::npos) << problems.front();
}

TEST(ReaderIndex, TakingEveryNodeToChangeThemRebuildsIt) {
  Graph graph;
  NodeId a = addNode(graph, "Sine");
  NodeId b = addNode(graph, "Sine", Signal::constant(220.0f));
  NodeId f = addNode(graph, "ButLP", lanesOf(a, 1));
  ASSERT_EQ(graph.readersOf(a).size(), 1u);
  for (auto& node : graph.nodes())
    if (node.id == f) node.inputs[0] = lanesOf(b, 1);
  EXPECT_EQ(graph.readersOf(b), (std::vector<NodeId>{f}));
  EXPECT_TRUE(graph.readersOf(a).empty());
}

TEST(TapIndex, FollowsAddRemoveAndMove) {
  Graph graph;
  NodeId a = addNode(graph, "Sine");
  NodeId b = addNode(graph, "Sine", Signal::constant(220.0f));
  graph.addOutput({a, 0, {}});
  EXPECT_TRUE(graph.hasOutputTap(a));
  EXPECT_FALSE(graph.hasOutputTap(b));
  graph.addOutput({b, 1, {}});
  graph.addOutput({a, 1, {}});
  EXPECT_EQ(graph.outputsOf(a), (std::vector<size_t>{0, 2}));
  graph.moveOutputs(a, b);
  EXPECT_FALSE(graph.hasOutputTap(a));
  EXPECT_EQ(graph.outputsOf(b), (std::vector<size_t>{0, 1, 2}));
  for (const auto& tap : graph.outputs()) EXPECT_EQ(tap.node, b);
  graph.removeOutputsOf(b);
  EXPECT_TRUE(graph.outputs().empty());
  EXPECT_FALSE(graph.hasOutputTap(b));
  EXPECT_EQ(graph.indexProblem(), "");
}

TEST(TapIndex, FollowsReplaceNodeAndRemoveNodes) {
  Graph graph;
  NodeId dead = addNode(graph, "Sine", Signal::constant(1.0f));
  NodeId a = addNode(graph, "Sine");
  NodeId b = addNode(graph, "Sine", Signal::constant(220.0f));
  graph.addOutput({a, 0, {}});
  ASSERT_TRUE(graph.hasOutputTap(a));
  graph.replaceNode(a, b);
  EXPECT_FALSE(graph.hasOutputTap(a));
  EXPECT_TRUE(graph.hasOutputTap(b));
  std::vector<bool> remove(graph.size(), false);
  remove[dead] = true;
  remove[a] = true;
  graph.removeNodes(remove);
  EXPECT_TRUE(graph.hasOutputTap(0));  // b, renumbered
  EXPECT_EQ(graph.outputs().front().node, 0u);
  EXPECT_EQ(graph.indexProblem(), "");
}

TEST(TopologicalOrder, TiesKeepCreationOrder) {
  Graph graph;
  NodeId c = addNode(graph, "ButLP", Signal::constant(0.0f));  // 0: reads 2 below
  NodeId a = addNode(graph, "Sine");                           // 1
  NodeId b = addNode(graph, "Sine");                           // 2
  graph.node(c).inputs[0] = lanesOf(b, 1);
  graph.inputsChanged(c);
  EXPECT_EQ(graph.topologicalOrder(), (std::vector<NodeId>{a, b, c}));
}

}  // namespace
}  // namespace patchc::ir
