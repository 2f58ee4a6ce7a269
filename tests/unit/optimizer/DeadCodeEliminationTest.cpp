// dce (optimizer/DeadCodeElimination.cpp) on hand-built graphs: what an output tap reaches stays, the rest goes;
// a stopped object is silence to its readers.
#include "ir/Verifier.h"
#include "optimizer/Passes.h"
#include "tests/unit/ir/TestGraphs.h"

#include <gtest/gtest.h>

namespace patchc::test {
namespace {

std::vector<std::string> opNames(const ir::Graph& graph) {
  std::vector<std::string> names;
  for (const auto& node : graph.nodes()) names.push_back(node.opName());
  return names;
}

TEST(DeadCodeElimination, KeepsWhatATapReachesAndRemovesTheRest) {
  ir::Graph graph;
  ir::NodeId unused = addObject(graph, "Noise");  // read by nothing, sent nowhere
  ir::NodeId sine = addObject(graph, "Sine");
  ir::NodeId filter = addObject(graph, "ButLP");  // reads the Sine, sent to the output
  setInput(graph, filter, "input", lanesOf(sine));
  graph.addOutput({filter, 0, {}});
  (void)unused;

  opt::Remarks remarks;
  EXPECT_TRUE(opt::DeadCodeElimination().run(graph, remarks));
  EXPECT_EQ(opNames(graph), (std::vector<std::string>{"Sine", "ButLP"}));
  EXPECT_EQ(graph.outputs().at(0).node, 1u);  // renumbered with its node
  EXPECT_EQ(graph.node(1).inputs[0].lanes[0], ir::LaneSource::of(0, 0));
  ASSERT_EQ(remarks.all().size(), 1u);
  EXPECT_NE(remarks.all()[0].message.find("reaches no output: it is not computed"), std::string::npos)
      << remarks.all()[0].message;
  EXPECT_TRUE(ir::verify(graph).empty());
  EXPECT_FALSE(opt::DeadCodeElimination().run(graph, remarks)) << "a second run found more to remove";
}

TEST(DeadCodeElimination, AStoppedObjectIsSilenceToItsReadersAndGoes) {
  ir::Graph graph;
  ir::NodeId lfo = addObject(graph, "Sine");
  ir::NodeId sine = addObject(graph, "Sine");
  setInput(graph, sine, "mul", lanesOf(lfo));
  graph.addOutput({sine, 0, {}});
  ir::NodeId stopped = addObject(graph, "Sine");  // sent to the output, but stopped
  graph.addOutput({stopped, 1, {}});
  graph.node(lfo).stopped = true;
  graph.node(stopped).stopped = true;
  // Where the script made them: remarks about the same op at the same place are said once.
  graph.node(lfo).origin.begin = {1, 7};
  graph.node(stopped).origin.begin = {3, 7};

  opt::Remarks remarks;
  EXPECT_TRUE(opt::DeadCodeElimination().run(graph, remarks));
  EXPECT_EQ(opNames(graph), (std::vector<std::string>{"Sine"}));
  const ir::Signal& mul = graph.node(0).inputs[graph.node(0).mulIndex()];
  EXPECT_TRUE(mul.isUniformConstant() && mul.lanes[0].value == 0.0f);
  EXPECT_EQ(mul.rate, ir::Rate::Const);
  EXPECT_EQ(graph.outputs().size(), 1u);  // the stopped object's tap went with it
  EXPECT_EQ(remarks.all().size(), 2u);
  for (const auto& remark : remarks.all())
    EXPECT_NE(remark.message.find("is stopped: it is not computed"), std::string::npos) << remark.message;
  EXPECT_TRUE(ir::verify(graph).empty());
}

TEST(DeadCodeElimination, AGraphWithoutTapsIsEmptied) {
  ir::Graph graph;
  ir::NodeId sine = addObject(graph, "Sine");
  ir::NodeId filter = addObject(graph, "ButLP");
  setInput(graph, filter, "input", lanesOf(sine));
  opt::Remarks remarks;
  EXPECT_TRUE(opt::DeadCodeElimination().run(graph, remarks));
  EXPECT_EQ(graph.size(), 0u);
}

}  // namespace
}  // namespace patchc::test
