// const-fold (optimizer/ConstantFolding.cpp) on hand-built graphs, one rule per test.
#include "ir/Verifier.h"
#include "optimizer/Passes.h"
#include "tests/unit/ir/TestGraphs.h"

#include <gtest/gtest.h>

namespace patchc::test {
namespace {

// n = Noise(.2); p = Phaser(n, freq=100, spread=Sig(1.2)).out(): the Sig nothing writes is its number, and the
// Phaser's spread becomes a const-rate input (its coefficients fold when compiling).
TEST(ConstantFolding, ASigNothingWritesIsItsNumberAndItsReaderReadsAConstant) {
  ir::Graph graph;
  ir::NodeId noise = addObject(graph, "Noise");
  ir::NodeId sig = addObject(graph, "Sig");
  setInput(graph, sig, "value", constants({1.2f}));
  ir::NodeId phaser = addObject(graph, "Phaser");
  setInput(graph, phaser, "input", lanesOf(noise));
  setInput(graph, phaser, "spread", lanesOf(sig));
  graph.addOutput({phaser, 0, {}});
  const size_t spread = inputIndex(graph.node(phaser), "spread");
  ASSERT_EQ(graph.node(phaser).inputs[spread].rate, ir::Rate::Audio);

  opt::Remarks remarks;
  EXPECT_TRUE(opt::ConstantFolding().run(graph, remarks));
  const ir::Signal& folded = graph.node(phaser).inputs[spread];
  ASSERT_TRUE(folded.isUniformConstant());
  EXPECT_EQ(folded.lanes[0].value, 1.2f);
  EXPECT_EQ(folded.rate, ir::Rate::Const);
  EXPECT_FALSE(graph.hasReaders(sig));
  EXPECT_TRUE(graph.node(sig).replaced);  // dce removes it without a remark
  // The input noise is no number: it stays.
  EXPECT_EQ(graph.node(phaser).inputs[inputIndex(graph.node(phaser), "input")].rate, ir::Rate::Audio);
  EXPECT_TRUE(ir::verify(graph).empty());
}

}  // namespace
}  // namespace patchc::test
