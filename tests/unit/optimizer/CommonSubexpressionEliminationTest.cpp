// cse (optimizer/CommonSubexpressionElimination.cpp) on hand-built graphs: identical deterministic objects are
// one; noises are never merged at -O2; different inputs keep objects apart.
#include "ir/Verifier.h"
#include "optimizer/Passes.h"
#include "tests/unit/ir/TestGraphs.h"

#include <gtest/gtest.h>

namespace patchc::test {
namespace {

// Two `op`s with the same inputs, each read by a filter sent to its own channel.
struct TwinSources {
  ir::Graph graph;
  ir::NodeId first, second, firstReader, secondReader;
  explicit TwinSources(const std::string& op, float secondMul = 0.5f) {
    first = addObject(graph, op);
    setInput(graph, first, "mul", constants({0.5f}));
    second = addObject(graph, op);
    setInput(graph, second, "mul", constants({secondMul}));
    firstReader = addObject(graph, "ButLP");
    setInput(graph, firstReader, "input", lanesOf(first));
    secondReader = addObject(graph, "ButLP");
    setInput(graph, secondReader, "input", lanesOf(second));
    graph.addOutput({firstReader, 0, {}});
    graph.addOutput({secondReader, 1, {}});
  }
};

TEST(CommonSubexpressionElimination, IdenticalOscillatorsAreOne) {
  TwinSources twins("Sine");
  opt::Remarks remarks;
  EXPECT_TRUE(opt::CommonSubexpressionElimination().run(twins.graph, remarks));
  EXPECT_FALSE(twins.graph.hasReaders(twins.second));
  EXPECT_TRUE(twins.graph.node(twins.second).replaced);
  // ... and then their readers, now identical too, in the same run (topological order).
  EXPECT_TRUE(twins.graph.node(twins.secondReader).replaced);
  EXPECT_EQ(twins.graph.outputs().at(1).node, twins.firstReader);  // channel 1 hears the kept filter
  EXPECT_EQ(remarks.all().size(), 2u);
  EXPECT_TRUE(ir::verify(twins.graph).empty());
}

TEST(CommonSubexpressionElimination, NoisesStayTwoNoises) {
  TwinSources twins("Noise");
  opt::Remarks remarks;
  EXPECT_FALSE(opt::CommonSubexpressionElimination().run(twins.graph, remarks));
  EXPECT_TRUE(twins.graph.hasReaders(twins.second));
  EXPECT_TRUE(remarks.all().empty());
}

TEST(CommonSubexpressionElimination, ADifferentInputKeepsThemApart) {
  TwinSources twins("Sine", 0.25f);
  opt::Remarks remarks;
  EXPECT_FALSE(opt::CommonSubexpressionElimination().run(twins.graph, remarks));
  EXPECT_TRUE(twins.graph.hasReaders(twins.second));
}

}  // namespace
}  // namespace patchc::test
