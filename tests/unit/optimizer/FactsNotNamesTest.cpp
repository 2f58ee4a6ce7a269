// Passes ask facts, never names (DESIGN §7): on a registry with new objects that only copy the declarations of
// built-in ones under other names, every pass still applies, and the nodes a pass makes come from the registry
// the graph was built with, not from Registry::builtin().
#include <gtest/gtest.h>

#include <sstream>

#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "tools/Pipeline.h"

namespace patchc {
namespace {

// Copies of built-in objects under new names, with the facts that name another object renamed alike. They come
// first, so that a pass looking for an object by its facts finds the copy before the built-in one.
const Registry& renamedRegistry() {
  static const Registry registry = [] {
    const std::vector<std::pair<std::string, std::string>> renamed = {
        {"Sig", "Hold"},      {"Sine", "Tone"},   {"FastSine", "QuickTone"}, {"Biquad", "Peaking"},
        {"Biquadx", "PeakingStack"}, {"Noise", "Hiss"}, {"Delay", "Echo"},  {"Denorm", "Guard"},
        {"Sin", "Sinus"},     {"Linseg", "Ramp"}, {"Mul", "Times"},          {"Add", "Plus"},
        {"Div", "Over"}};
    auto newName = [&](const std::string& name) {
      for (const auto& [from, to] : renamed)
        if (from == name) return to;
      return name;
    };
    Registry r;
    for (const auto& [from, to] : renamed) {
      ObjectSpec spec = *Registry::builtin().find(from);
      spec.name = to;
      spec.internal = false;  // the elaborator makes Mul and Add for `*` and `+`; the script calls these by name
      if (spec.facts.substitute) spec.facts.substitute->object = newName(spec.facts.substitute->object);
      if (spec.facts.cascade) spec.facts.cascade->object = newName(spec.facts.cascade->object);
      r.add(std::move(spec));
    }
    for (const ObjectSpec& spec : Registry::builtin().all()) r.add(spec);
    return r;
  }();
  return registry;
}

struct Optimized {
  std::unique_ptr<ir::Graph> graph;
  std::string text;     // the graph after the passes
  std::string remarks;  // what the passes said
};

Optimized optimize(const std::string& source, const std::vector<std::string>& passes) {
  std::ostringstream messages, log;
  Diagnostics diagnostics(messages);
  SourceFile file("facts.patch", source);
  auto module = parseSource(file, diagnostics);
  EXPECT_TRUE(module) << messages.str();
  if (!module) return {};
  CompileOptions options;
  options.registry = &renamedRegistry();
  options.optimizer.passes = passes;
  EXPECT_TRUE(options.optimizer.remarks.add("pass"));
  EXPECT_TRUE(options.optimizer.remarks.add("pass-missed"));
  options.log = &log;
  Optimized result;
  result.graph = buildGraph(*module, diagnostics, options);
  EXPECT_TRUE(result.graph) << messages.str();
  if (!result.graph) return {};
  EXPECT_TRUE(optimizeGraph(*result.graph, diagnostics, options)) << messages.str();
  result.text = ir::printText(*result.graph);
  result.remarks = log.str();
  return result;
}

// The live nodes of the named object; each must be an entry of the graph's registry.
int count(const Optimized& optimized, const std::string& object) {
  if (!optimized.graph) return -1;
  int n = 0;
  for (const auto& node : optimized.graph->nodes()) {
    if (node.replaced || node.kind != ir::NodeKind::Object) continue;
    EXPECT_TRUE(renamedRegistry().owns(node.spec)) << node.spec->name << " is not from the graph's registry";
    n += node.spec->name == object;
  }
  return n;
}

TEST(FactsNotNames, ConstFoldFoldsWhatDeclaresAFold) {
  auto o = optimize("a = Tone(freq=Over(Times(Hold(300), Hold(2)), Hold(0.5))).out()\n", {"const-fold", "dce"});
  EXPECT_NE(o.text.find("freq=const 1200"), std::string::npos) << o.text;
  EXPECT_EQ(count(o, "Times") + count(o, "Over") + count(o, "Hold"), 0) << o.text;
}

TEST(FactsNotNames, GainFoldUsesIdentitiesAndProducts) {
  auto unity = optimize("t = Tone(200)\nb = ButLP(Plus(Hold(0), Times(t, Hold(1)))).out()\n",
                        {"const-fold", "gain-fold", "dce"});
  EXPECT_NE(unity.text.find("input=%t"), std::string::npos) << unity.text;
  EXPECT_EQ(count(unity, "Times") + count(unity, "Plus"), 0) << unity.text;
  auto intoMul = optimize("t = Tone(200)\nb = ButLP(Times(t, Hold(0.25))).out()\n", {"const-fold", "gain-fold", "dce"});
  EXPECT_NE(intoMul.text.find("%t = Tone[1] freq=const 200 mul=const 0.25"), std::string::npos)
      << intoMul.text;
}

TEST(FactsNotNames, DenormElideUsesTheGuardAndTheSumFacts) {
  auto o = optimize("t = Tone(200)\na = ButLP(Guard(t)).out()\nb = ButHP(Plus(t, Hiss(mul=1e-24))).out(1)\n"
                    "e = Echo(t, feedback=0).out()\nf = Echo(t, feedback=0.5).out()\n",
                    {"denorm-elide", "dce"});
  EXPECT_EQ(count(o, "Guard") + count(o, "Plus") + count(o, "Hiss"), 0) << o.text;
  EXPECT_NE(o.remarks.find("Echo 'f' feeds back on itself"), std::string::npos) << o.remarks;
  EXPECT_EQ(o.remarks.find("Echo 'e' feeds back"), std::string::npos) << o.remarks;
}

TEST(FactsNotNames, ExactTrigReadsRangesAndTheSwitch) {
  auto o = optimize("r = Ramp([(0, 0), (1, 1.5)]).play()\ns = Sinus(Plus(r, Tone(3, mul=0.25))).out()\n",
                    {"exact-trig"});
  EXPECT_NE(o.text.find("fast=const 1"), std::string::npos) << o.text;
  EXPECT_NE(o.remarks.find("Sinus 's' computed by the polynomial sine instead of libm: its argument stays within "
                           "[-0.25, 1.75] rad"),
            std::string::npos)
      << o.remarks;
}

TEST(FactsNotNames, FastTrigMakesTheDeclaredSubstituteFromTheGraphsRegistry) {
  auto o = optimize("a = Tone(300, mul=0.5).out()\n", {"fast-trig"});
  EXPECT_EQ(count(o, "QuickTone"), 1) << o.text;
  EXPECT_EQ(count(o, "Tone"), 0) << o.text;
  EXPECT_NE(o.remarks.find("Tone computed by FastSine's polynomial: error at most 0.0011"), std::string::npos)
      << o.remarks;
}

TEST(FactsNotNames, CascadeFuseMakesTheDeclaredCascade) {
  auto o = optimize("n = Hiss(mul=.3)\na = Peaking(n, 500)\nb = Peaking(a, 500)\nc = Peaking(b, 500).out()\n",
                    {"cascade-fuse", "dce"});
  EXPECT_EQ(count(o, "PeakingStack"), 1) << o.text;
  EXPECT_EQ(count(o, "Peaking"), 0) << o.text;
  EXPECT_NE(o.text.find("stages=const 3"), std::string::npos) << o.text;
  EXPECT_NE(o.remarks.find("3 cascaded Peakings with the same freq, q and type are one PeakingStack(stages=3)"),
            std::string::npos)
      << o.remarks;
}

TEST(FactsNotNames, ShareNoiseSharesShareableNoisesThroughTheCopier) {
  auto o = optimize("a = ButLP(Hiss(mul=0.5)).out()\nb = ButHP(Hiss(mul=0.25)).out(1)\n", {"share-noise", "dce"});
  EXPECT_EQ(count(o, "Hiss"), 1) << o.text;
  EXPECT_EQ(count(o, "Hold"), 1) << o.text;  // the first object that copies its input, in this registry
}

// A graph that does not say where its objects come from cannot be given new nodes: an internal error, not a
// node from some other registry.
TEST(FactsNotNames, AGraphWithoutARegistryIsAnInternalError) {
  auto o = optimize("a = Tone(300).out()\n", {"dce"});
  ASSERT_TRUE(o.graph);
  o.graph->registry = nullptr;
  opt::PipelineOptions options;
  options.passes = {"fast-trig"};
  std::ostringstream log;
  opt::PassManager manager(options, log);
  EXPECT_THROW(manager.run(*o.graph), std::logic_error);
}

// A node whose op comes from another registry than the graph's (a pass that made it from Registry::builtin()) is
// caught by the verifier, which runs after every pass.
TEST(FactsNotNames, TheVerifierRejectsAnOpFromAnotherRegistry) {
  auto o = optimize("a = Tone(300).out()\n", {"dce"});
  ASSERT_TRUE(o.graph);
  EXPECT_TRUE(ir::verify(*o.graph).empty());
  o.graph->node(0).spec = Registry::builtin().find("Sine");
  auto problems = ir::verify(*o.graph);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("its op Sine is not an entry of the graph's registry"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace patchc
