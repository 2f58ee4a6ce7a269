// optimizer/PassManager.h: it runs the passes of a pipeline in the order Pipelines.cpp lists them (groups that
// enable each other repeated whole), an explicit list exactly as given, and names the pass after which the graph
// is malformed.
#include "optimizer/PassManager.h"
#include "tests/unit/ir/TestGraphs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <sstream>

namespace patchc::test {
namespace {

// A graph every -O2 pass has something to look at: a Sig into a filter, twin oscillators, an unused noise.
ir::Graph patch() {
  ir::Graph graph;
  addObject(graph, "Noise");
  ir::NodeId sig = addObject(graph, "Sig");
  setInput(graph, sig, "value", constants({800}));
  ir::NodeId a = addObject(graph, "Sine");
  ir::NodeId b = addObject(graph, "Sine");
  setInput(graph, b, "mul", constants({1}));
  ir::NodeId filter = addObject(graph, "ButLP");
  setInput(graph, filter, "input", lanesOf(a));
  setInput(graph, filter, "freq", lanesOf(sig));
  graph.addOutput({filter, 0, {}});
  graph.addOutput({b, 1, {}});
  return graph;
}

// The passes that ran, in order, as --print-after-all tells them.
std::vector<std::string> passesRun(ir::Graph& graph, opt::PipelineOptions options) {
  options.printAfterAll = true;
  std::ostringstream log;
  opt::PassManager(options, log).run(graph);
  std::vector<std::string> ran;
  std::string text = log.str();
  static const std::regex header("; \\*\\*\\* graph after ([a-z-]+) \\*\\*\\*");
  for (std::sregex_iterator it(text.begin(), text.end(), header), end; it != end; ++it) ran.push_back((*it)[1]);
  return ran;
}

TEST(PassManager, RunsAnExplicitListOnceEachInItsOrder) {
  ir::Graph graph = patch();
  opt::PipelineOptions options;
  options.passes = {"cse", "dce", "const-fold", "dce"};
  EXPECT_EQ(passesRun(graph, options), options.passes);
}

TEST(PassManager, RunsEachLevelsPipelineInTheOrderItLists) {
  for (opt::Level level : {opt::Level::O1, opt::Level::O2, opt::Level::Ofast}) {
    ir::Graph graph = patch();
    opt::PipelineOptions options;
    options.level = level;
    std::vector<std::string> ran = passesRun(graph, options);
    // Walk the steps: each runs its passes once in order; a fixed-point group repeats them whole.
    size_t at = 0;
    auto roundAt = [&](const std::vector<std::string>& passes) {
      return at + passes.size() <= ran.size() &&
             std::equal(passes.begin(), passes.end(), ran.begin() + static_cast<long>(at));
    };
    for (const auto& step : opt::pipelineFor(level)) {
      ASSERT_TRUE(roundAt(step.passes)) << "level " << static_cast<int>(level) << ": pass " << at << " is not "
                                        << step.passes.front() << ", the next step's first";
      at += step.passes.size();
      while (step.untilFixedPoint && roundAt(step.passes)) at += step.passes.size();
    }
    EXPECT_EQ(at, ran.size()) << "passes ran after the pipeline's last";
  }
}

TEST(PassManager, O0RunsNothing) {
  ir::Graph graph = patch();
  opt::PipelineOptions options;
  options.level = opt::Level::O0;
  EXPECT_TRUE(passesRun(graph, options).empty());
  EXPECT_EQ(graph.size(), 5u);
}

TEST(PassManager, RefusesAnUnknownPass) {
  ir::Graph graph = patch();
  opt::PipelineOptions options;
  options.passes = {"dce", "no-such-pass"};
  std::ostringstream log;
  try {
    opt::PassManager(options, log).run(graph);
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "unknown pass 'no-such-pass'");
  }
}

TEST(PassManager, NamesThePassAfterWhichTheGraphIsMalformed) {
  ir::Graph graph = patch();
  graph.server.channels = 0;
  opt::PipelineOptions options;
  options.passes = {"cse"};
  std::ostringstream log;
  try {
    opt::PassManager(options, log).run(graph);
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "the cse pass left a malformed graph: the server has no output channel");
  }
}

}  // namespace
}  // namespace patchc::test
