// ir/Verifier.cpp: one test per invariant it checks, each on a well-formed graph broken in that one way, asserting
// the message (the pass manager prints it, named after the pass that broke the graph).
#include "ir/Verifier.h"
#include "tests/unit/ir/TestGraphs.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace patchc::test {
namespace {

using ir::LaneSource;
using Problems = std::vector<std::string>;

bool mentions(const Problems& problems, const std::string& message) {
  return std::find(problems.begin(), problems.end(), message) != problems.end();
}

// a = Sine(440); f = ButLP(a); f.out()
struct SineIntoFilter {
  ir::Graph graph;
  ir::NodeId sine, filter;
  SineIntoFilter() {
    sine = addObject(graph, "Sine");
    setInput(graph, sine, "freq", constants({440.0f}));
    filter = addObject(graph, "ButLP");
    setInput(graph, filter, "input", lanesOf(sine));
    graph.addOutput({filter, 0, {}});
  }
  ir::Node& node(ir::NodeId id) { return graph.node(id); }
};

TEST(Verifier, AcceptsAWellFormedGraph) {
  SineIntoFilter g;
  EXPECT_EQ(ir::verify(g.graph), Problems{});
}

TEST(Verifier, ANodeWithoutLanes) {
  SineIntoFilter g;
  g.node(g.sine).lanes = 0;
  auto problems = ir::verify(g.graph);
  EXPECT_TRUE(mentions(problems, "node 0 (Sine#0): has no lanes")) << ::testing::PrintToString(problems);
}

TEST(Verifier, AnObjectWithoutARegistryEntry) {
  SineIntoFilter g;
  g.node(g.sine).spec = nullptr;
  auto problems = ir::verify(g.graph);
  EXPECT_TRUE(mentions(problems, "node 0 (?#0): object node without a registry entry"))
      << ::testing::PrintToString(problems);
}

TEST(Verifier, AMissingInput) {
  SineIntoFilter g;
  size_t takes = g.node(g.filter).inputs.size();
  g.node(g.filter).inputs.pop_back();
  EXPECT_EQ(ir::verify(g.graph),
            Problems{"node 1 (ButLP#1): has " + std::to_string(takes - 1) + " inputs, its op takes " +
                     std::to_string(takes)});
}

TEST(Verifier, AMixWithoutItsThreeInputs) {
  SineIntoFilter g;
  ir::Node& mix = g.graph.add(ir::NodeKind::Mix, nullptr, 1, {});
  mix.inputs = {lanesOf(g.sine)};
  g.graph.updateShape(mix);
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 2 (Mix#2): has 1 inputs, its op takes 3"});
}

TEST(Verifier, AnInputWithoutLanes) {
  SineIntoFilter g;
  g.node(g.sine).inputs[0].lanes.clear();
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 0 (Sine#0): input 0 has no lanes"});
}

TEST(Verifier, AStaleRate) {
  SineIntoFilter g;
  g.node(g.filter).inputs[0].rate = ir::Rate::Const;  // it reads the Sine: audio
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 1 (ButLP#1): input 0 has a stale rate"});
}

TEST(Verifier, ASignalWhereTheOpNeedsAConstant) {
  SineIntoFilter g;
  ir::NodeId phaser = addObject(g.graph, "Phaser");
  setInput(g.graph, phaser, "input", lanesOf(g.sine));
  setInput(g.graph, phaser, "num", lanesOf(g.sine));  // Phaser's number of stages sizes its state
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 2 (Phaser#2): input 'num' must be a constant"});
}

TEST(Verifier, AnInputWiderThanItsNode) {
  SineIntoFilter g;
  setInput(g.graph, g.sine, "freq", constants({440.0f, 660.0f}));  // two lanes now
  setInput(g.graph, g.filter, "input", lanesOf(g.sine, 2));
  g.node(g.filter).lanes = 1;  // as a pass that narrowed it without updateShape
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 1 (ButLP#1): input 0 is wider (2) than the node (1)"});
}

TEST(Verifier, ALaneSourceOfAMissingNode) {
  SineIntoFilter g;
  g.node(g.filter).inputs[0].lanes[0] = LaneSource::of(99, 0);
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 1 (ButLP#1): input 0 reads missing node 99"});
}

TEST(Verifier, ALaneSourceOfALaneTheNodeDoesNotHave) {
  SineIntoFilter g;
  g.node(g.filter).inputs[0].lanes[0] = LaneSource::of(g.sine, 3);
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 1 (ButLP#1): input 0 reads lane 3 of node 0 which has 1"});
}

// Pan(Sine(), outs=2): two outputs; a filter reads the second.
struct PanIntoFilter {
  ir::Graph graph;
  ir::NodeId sine, pan, filter;
  PanIntoFilter() {
    sine = addObject(graph, "Sine");
    pan = addObject(graph, "Pan");
    setInput(graph, pan, "input", lanesOf(sine));
    filter = addObject(graph, "ButLP");
    ir::Signal right;
    right.lanes.push_back(LaneSource::of(pan, 0, 1));
    right.rate = ir::Rate::Audio;
    setInput(graph, filter, "input", right);
    graph.addOutput({pan, 0, {}});
  }
};

TEST(Verifier, AcceptsAReaderOfOneOutputOfSeveral) {
  PanIntoFilter g;
  EXPECT_EQ(g.graph.node(g.pan).outputs, 2);
  EXPECT_EQ(g.graph.node(g.pan).streams(), 2);
  EXPECT_EQ(ir::verify(g.graph), Problems{});
}

TEST(Verifier, ALaneSourceOfAnOutputTheNodeDoesNotHave) {
  PanIntoFilter g;
  g.graph.node(g.filter).inputs[0].lanes[0].output = 2;  // Pan(outs=2) has outputs 0 and 1
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 2 (ButLP#2): input 0 reads output 2 of node 1 which has 2"});
  SineIntoFilter one;
  one.node(one.filter).inputs[0].lanes[0].output = 1;  // a Sine has one output
  EXPECT_EQ(ir::verify(one.graph), Problems{"node 1 (ButLP#1): input 0 reads output 1 of node 0 which has 1"});
}

TEST(Verifier, AnOutputCountTheDeclarationDoesNotGive) {
  PanIntoFilter g;
  g.graph.node(g.pan).outputs = 3;  // as a pass that changed it without updateShape: outs is 2
  EXPECT_EQ(ir::verify(g.graph), Problems{"node 1 (Pan#1): has 3 outputs, its op gives lane 0 2"});
}

TEST(Verifier, AnOutputTapOfStreamsPastTheOutputs) {
  PanIntoFilter g;
  g.graph.outputs()[0].firstLane = 1;
  g.graph.outputs()[0].laneCount = 2;  // streams 1 and 2 of a node of 2
  EXPECT_EQ(ir::verify(g.graph), Problems{"output tap reads streams outside node 1"});
}

TEST(Verifier, ACycle) {
  SineIntoFilter g;
  setInput(g.graph, g.sine, "freq", lanesOf(g.filter));  // the Sine's frequency reads the filter that reads it
  EXPECT_EQ(ir::verify(g.graph), Problems{"the graph has a cycle"});
}

TEST(Verifier, AnOutputTapOfAMissingNode) {
  SineIntoFilter g;
  g.graph.outputs().push_back({99, 0, {}});
  EXPECT_EQ(ir::verify(g.graph), Problems{"output tap reads missing node 99"});
}

TEST(Verifier, AnOutputTapOfANegativeChannel) {
  SineIntoFilter g;
  g.graph.outputs()[0].firstChannel = -1;
  EXPECT_EQ(ir::verify(g.graph), Problems{"output tap with a negative channel"});
}

TEST(Verifier, AnOutputTapOfLanesTheNodeDoesNotHave) {
  SineIntoFilter g;
  g.graph.outputs()[0].firstLane = 1;
  g.graph.outputs()[0].laneCount = 1;  // lane 1 of a one-lane node
  EXPECT_EQ(ir::verify(g.graph), Problems{"output tap reads streams outside node 1"});
}

TEST(Verifier, AStaleReaderIndex) {
  SineIntoFilter g;
  ir::NodeId other = addObject(g.graph, "Sine");
  ASSERT_EQ(g.graph.readersOf(g.sine), std::vector<ir::NodeId>{g.filter});  // builds the index
  g.node(g.filter).inputs[0] = lanesOf(other);  // rewired without inputsChanged
  EXPECT_EQ(ir::verify(g.graph), Problems{"the reader index has stale sources for node 1"});
}

TEST(Verifier, AStaleTapIndex) {
  SineIntoFilter g;
  auto& taps = g.graph.outputs();  // held by a pass past the next question about taps
  ASSERT_TRUE(g.graph.hasOutputTap(g.filter));  // builds the index
  taps[0].node = g.sine;
  EXPECT_EQ(ir::verify(g.graph), Problems{"the tap index has a stale tap for node 1"});
}

TEST(Verifier, AServerWithoutChannels) {
  SineIntoFilter g;
  g.graph.server.channels = 0;
  EXPECT_EQ(ir::verify(g.graph), Problems{"the server has no output channel"});
}

TEST(Verifier, AServerWithoutASampleRate) {
  SineIntoFilter g;
  g.graph.server.sampleRate = 0;
  EXPECT_EQ(ir::verify(g.graph), Problems{"the server's sample rate is not positive"});
}

}  // namespace
}  // namespace patchc::test
