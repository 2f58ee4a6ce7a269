// ir/Printer.h: the text form lit tests read (`patchc emit --stage=graph`), and the Graphviz form.
#include "ir/Printer.h"
#include "tests/unit/ir/TestGraphs.h"

#include <gtest/gtest.h>

namespace patchc::test {
namespace {

TEST(Printer, TextListsNodesInOrderWithTheirNonDefaultInputsThenTheTaps) {
  ir::Graph graph;
  graph.sourceName = "small.patch";
  ir::NodeId lfo = addObject(graph, "Sine", "lfo");
  setInput(graph, lfo, "freq", constants({0.25f}));
  ir::NodeId src = addObject(graph, "Sine", "src");
  setInput(graph, src, "freq", constants({200, 300}));
  setInput(graph, src, "mul", lanesOf(lfo));
  ir::NodeId f = addObject(graph, "ButLP", "f");
  setInput(graph, f, "input", ir::Signal{{ir::LaneSource::of(src, 1), ir::LaneSource::of(src, 0)}, ir::Rate::Audio});
  setInput(graph, f, "freq", constants({800}));
  addObject(graph, "Noise", "f");  // a second f: both print as op and id
  graph.addOutput({f, 1, {}});
  EXPECT_EQ(ir::printText(graph),
            "; patch small.patch sr=44100 nchnls=2 buffersize=256 seed=0\n"
            "%lfo = Sine[1] freq=const 0.25\n"
            "%src = Sine[2] freq=const[200, 300] mul=%lfo\n"
            "%ButLP2 = ButLP[2] input=[%src.1, %src.0] freq=const 800\n"
            "%Noise3 = Noise[1]\n"
            "out %ButLP2 -> ch 1 (lane i -> ch (1 + i) % 2)\n");
  EXPECT_EQ(ir::printedName(graph, lfo), "lfo");
  EXPECT_EQ(ir::printedName(graph, f), "ButLP2");
}

TEST(Printer, DotHasABoxPerNodeAnEdgePerSourceAndInputAndOnePerTap) {
  ir::Graph graph;
  ir::NodeId lfo = addObject(graph, "Sine", "lfo");
  ir::NodeId src = addObject(graph, "Sine", "src");
  setInput(graph, src, "freq", lanesOf(lfo));
  setInput(graph, src, "mul", lanesOf(lfo));
  graph.node(src).stopped = true;
  graph.addOutput({src, 0, {}});
  EXPECT_EQ(ir::printDot(graph),
            "digraph patch {\n"
            "  rankdir=LR;\n"
            "  node [shape=box, fontname=\"monospace\"];\n"
            "  n0 [label=\"lfo\\nSine[1]\"];\n"
            "  n1 [label=\"src\\nSine[1]\", style=dashed];\n"
            "  n0 -> n1 [label=\"freq\"];\n"
            "  n0 -> n1 [label=\"mul\"];\n"
            "  dac [shape=doublecircle, label=\"out\"];\n"
            "  n1 -> dac [label=\"ch 0\"];\n"
            "}\n");
}

}  // namespace
}  // namespace patchc::test
