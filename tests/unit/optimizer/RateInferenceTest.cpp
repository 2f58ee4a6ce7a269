// rate-infer (optimizer/RateInference.cpp) on hand-built graphs: it mends an input whose rate no longer follows
// its lanes, and names the parameters that make an object recompute its coefficients every sample.
#include "ir/Verifier.h"
#include "optimizer/Passes.h"
#include "tests/unit/ir/TestGraphs.h"

#include <gtest/gtest.h>

namespace patchc::test {
namespace {

using ir::Rate;

// n = Noise(.2); p = Phaser(n, freq=100, spread=Sig(1.2)).out()
struct PhaserOfASig {
  ir::Graph graph;
  ir::NodeId noise, sig, phaser;
  size_t spread = 0;
  PhaserOfASig() {
    noise = addObject(graph, "Noise");
    setInput(graph, noise, "mul", constants({0.2f}));
    sig = addObject(graph, "Sig");
    setInput(graph, sig, "value", constants({1.2f}));
    phaser = addObject(graph, "Phaser");
    setInput(graph, phaser, "input", lanesOf(noise));
    setInput(graph, phaser, "freq", constants({100.0f}));
    setInput(graph, phaser, "spread", lanesOf(sig));
    graph.addOutput({phaser, 0, {}});
    spread = inputIndex(graph.node(phaser), "spread");
  }
};

// Graph's own edits (replaceUses, updateShape) keep rates; a pass that writes a number into a lane itself leaves
// the input's old rate, which the verifier names and rate-infer mends.
TEST(RateInference, FoldedSigMakesItsReaderConstRate) {
  PhaserOfASig p;
  ir::Signal& spread = p.graph.node(p.phaser).inputs[p.spread];
  ASSERT_EQ(spread.rate, Rate::Audio);  // it reads the Sig
  spread.lanes[0] = ir::LaneSource::constant(1.2f);  // folded in place
  p.graph.inputsChanged(p.phaser);
  ASSERT_EQ(spread.rate, Rate::Audio);
  ASSERT_EQ(ir::verify(p.graph),
            std::vector<std::string>{"node 2 (Phaser#2): input 2 has a stale rate"});

  opt::Remarks remarks;
  EXPECT_TRUE(opt::RateInference().run(p.graph, remarks));
  EXPECT_EQ(p.graph.node(p.phaser).inputs[p.spread].rate, Rate::Const);
  EXPECT_TRUE(ir::verify(p.graph).empty());
  EXPECT_FALSE(opt::RateInference().run(p.graph, remarks)) << "a second run found more to mend";
}

TEST(RateInference, NamesAParameterThatIsAnAudioSignal) {
  PhaserOfASig p;
  opt::Remarks remarks;
  EXPECT_FALSE(opt::RateInference().run(p.graph, remarks));  // every rate already true
  ASSERT_EQ(remarks.all().size(), 1u);
  EXPECT_EQ(remarks.all()[0].kind, opt::RemarkKind::Analysis);
  EXPECT_EQ(remarks.all()[0].pass, "rate-infer");
  EXPECT_NE(remarks.all()[0].message.find("recomputes its coefficients every sample because 'spread' is an audio "
                                          "signal"),
            std::string::npos)
      << remarks.all()[0].message;
  // A number instead: nothing to say.
  setInput(p.graph, p.phaser, "spread", constants({1.2f}));
  opt::Remarks none;
  opt::RateInference().run(p.graph, none);
  EXPECT_TRUE(none.all().empty());
}

}  // namespace
}  // namespace patchc::test
