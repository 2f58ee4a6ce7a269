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

// A handler's `v.value = random.uniform(0, 1)` on an object nothing reads: the statement's draws advance the run-time
// generator, so its Param stays (unread) and so does the statement; a Param set to a constant goes with its
// statement. Before, both went, and every later draw of -O2's handlers came one draw early (patchc-difffuzz,
// tests/fuzz/regressions/dce-keeps-handler-random-draws.patch).
TEST(DeadCodeElimination, KeepsAParamAHandlerSetsWithRandomDraws) {
  ir::Graph graph;
  ir::NodeId sine = addObject(graph, "Sine");
  graph.addOutput({sine, 0, {}});
  ir::NodeId constant = addObject(graph, "Param");  // read by nothing, set to 1
  ir::NodeId drawn = addObject(graph, "Param");     // read by nothing, set to 2 + random()
  ir::Expression one;
  one.op = ir::Expression::Op::Constant;
  one.number = 1;
  const int oneIndex = graph.control.add(one);
  ir::Expression random;
  random.op = ir::Expression::Op::Random;
  const int randomIndex = graph.control.add(random);
  ir::Expression two = one;
  two.number = 2;
  ir::Expression sum;
  sum.op = ir::Expression::Op::Add;
  sum.a = graph.control.add(two);
  sum.b = randomIndex;
  const int sumIndex = graph.control.add(sum);
  ir::Handler handler;
  handler.name = "f";
  ir::Statement set;
  set.kind = ir::Statement::Kind::SetParam;
  set.node = constant;
  set.expression = oneIndex;
  handler.body.push_back(set);
  set.node = drawn;
  set.expression = sumIndex;
  ir::Statement inIf;
  inIf.kind = ir::Statement::Kind::If;
  inIf.expression = oneIndex;
  inIf.then.push_back(set);
  handler.body.push_back(inIf);
  graph.control.handlers.push_back(handler);

  opt::Remarks remarks;
  EXPECT_TRUE(opt::DeadCodeElimination().run(graph, remarks));
  EXPECT_EQ(opNames(graph), (std::vector<std::string>{"Sine", "Param"}));
  const auto& body = graph.control.handlers[0].body;
  ASSERT_EQ(body.size(), 1u);  // the constant's statement went
  ASSERT_EQ(body[0].then.size(), 1u);
  EXPECT_EQ(body[0].then[0].node, 1u);  // the drawn Param, renumbered
  EXPECT_EQ(body[0].then[0].expression, sumIndex);
  EXPECT_TRUE(ir::verify(graph).empty());
}

}  // namespace
}  // namespace patchc::test
