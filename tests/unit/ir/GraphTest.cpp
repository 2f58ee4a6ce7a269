// ir/Graph.h beyond its indexes (GraphIndexTest.cpp): topological order, shapes and rates, renumbering.
#include "ir/Graph.h"
#include "tests/unit/ir/TestGraphs.h"

#include <gtest/gtest.h>

namespace patchc::test {
namespace {

using ir::NodeId;

TEST(TopologicalOrder, EveryNodeAfterWhatItReads) {
  ir::Graph graph;
  NodeId filter = addObject(graph, "ButLP");  // 0, reads 2 and 1
  NodeId lfo = addObject(graph, "Sine");      // 1
  NodeId sine = addObject(graph, "Sine");     // 2, reads 1
  setInput(graph, sine, "freq", lanesOf(lfo));
  setInput(graph, filter, "input", lanesOf(sine));
  setInput(graph, filter, "freq", lanesOf(lfo));
  EXPECT_EQ(graph.topologicalOrder(), (std::vector<NodeId>{lfo, sine, filter}));
}

TEST(Streams, OutputsFollowTheDeclarationAndPyosOrder) {
  ir::Graph graph;
  NodeId sine = addObject(graph, "Sine");
  NodeId pan = addObject(graph, "Pan");
  setInput(graph, sine, "freq", constants({100.0f, 200.0f}));
  setInput(graph, pan, "input", lanesOf(sine, 2));
  setInput(graph, pan, "outs", constants({3.0f}));
  const ir::Node& node = graph.node(pan);
  EXPECT_EQ(node.lanes, 2);
  EXPECT_EQ(node.outputs, 3);  // outs=3: updateShape asks the declaration
  EXPECT_EQ(node.streams(), 6);
  // Lane-major, as pyo's Pan lists its streams: in0.out0, in0.out1, in0.out2, in1.out0, ...
  EXPECT_EQ(node.stream(4), ir::LaneSource::of(pan, 1, 1));
  EXPECT_EQ(node.streamOf(2, 1), 5);
  for (int s = 0; s < node.streams(); ++s) EXPECT_EQ(node.streamOf(node.stream(s).output, node.stream(s).lane), s);
  // Output-major (pyo's Switch): out0.in0, out0.in1, out1.in0, ...
  ObjectSpec outputMajor = *node.spec;
  outputMajor.streamOrder = StreamOrder::OutputMajor;
  ir::Node other = node;
  other.spec = &outputMajor;
  EXPECT_EQ(other.stream(3), ir::LaneSource::of(pan, 1, 1));
  for (int s = 0; s < other.streams(); ++s) EXPECT_EQ(other.streamOf(other.stream(s).output, other.stream(s).lane), s);
  // A one-output object: its streams are its lanes.
  EXPECT_EQ(graph.node(sine).outputs, 1);
  EXPECT_EQ(graph.node(sine).stream(1), ir::LaneSource::of(sine, 1));
}

TEST(TopologicalOrder, IsEmptyOnACycle) {
  ir::Graph graph;
  NodeId source = addObject(graph, "Sine");  // outside the cycle: the order is still empty
  NodeId a = addObject(graph, "ButLP");
  NodeId b = addObject(graph, "ButHP");
  setInput(graph, a, "input", lanesOf(source));
  setInput(graph, b, "input", lanesOf(a));
  setInput(graph, a, "freq", lanesOf(b));
  EXPECT_TRUE(graph.topologicalOrder().empty());
}

TEST(TopologicalOrder, IsEmptyOnANodeThatReadsItself) {
  ir::Graph graph;
  NodeId sine = addObject(graph, "Sine");
  setInput(graph, sine, "freq", lanesOf(sine));
  EXPECT_TRUE(graph.topologicalOrder().empty());
}

TEST(UpdateShape, LanesFollowTheWidestInputAndRatesTheirLanes) {
  ir::Graph graph;
  NodeId lfo = addObject(graph, "Sine");
  NodeId sine = addObject(graph, "Sine");
  setInput(graph, sine, "freq", constants({100, 200, 300}));
  setInput(graph, sine, "mul", lanesOf(lfo));
  const ir::Node& node = graph.node(sine);
  EXPECT_EQ(node.lanes, 3);
  EXPECT_EQ(node.inputs[0].rate, ir::Rate::Const);
  EXPECT_EQ(node.inputs[node.mulIndex()].rate, ir::Rate::Audio);
  // A Mix keeps its voices, whatever it sums.
  ir::Node& mix = graph.add(ir::NodeKind::Mix, nullptr, 2, {});
  mix.inputs = {lanesOf(sine, 3), ir::Signal::constant(1.0f), ir::Signal::constant(0.0f)};
  graph.updateShape(mix);
  EXPECT_EQ(mix.lanes, 2);
  EXPECT_EQ(mix.inputs[0].rate, ir::Rate::Audio);
}

TEST(Node, AnObjectWithoutARegistryEntryHasAName) {
  // The verifier reports such a node by its identity; that must not need the entry it lacks.
  ir::Graph graph;
  ir::Node& node = graph.add(ir::NodeKind::Object, nullptr, 1, {});
  EXPECT_EQ(node.opName(), "?");
  EXPECT_EQ(node.identity(), "?#0");
}

TEST(RemoveNodes, RenumbersSurvivorsTheirInputsAndTaps) {
  ir::Graph graph;
  NodeId dead = addObject(graph, "Noise");
  NodeId sine = addObject(graph, "Sine");
  NodeId filter = addObject(graph, "ButLP");
  setInput(graph, filter, "input", lanesOf(sine));
  graph.addOutput({filter, 1, {}});
  std::vector<bool> remove(graph.size(), false);
  remove[dead] = true;
  graph.removeNodes(remove);
  ASSERT_EQ(graph.size(), 2u);
  EXPECT_EQ(graph.node(0).opName(), "Sine");
  EXPECT_EQ(graph.node(1).id, 1u);
  EXPECT_EQ(graph.node(1).inputs[0].lanes[0], ir::LaneSource::of(0, 0));
  EXPECT_EQ(graph.outputs().at(0).node, 1u);
  EXPECT_EQ(graph.node(0).seedIndex, 1u);  // noise seeds keep the id the script gave
}

}  // namespace
}  // namespace patchc::test
