// The differential checker's own tests: it must report a deliberate miscompile (a gain changed after the
// optimizer ran), on a well-conditioned patch down to its tolerance and on a patch that amplifies rounding at the
// size of a real miscompile, and it must not report the patches of ill-conditioned/ (rounding amplified by chaos
// or by filters at a low corner), which the fuzzer reported as differences before it had a sensitivity check.
#include "tests/fuzz/DifferentialChecker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace patchc::fuzz {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A miscompile: every node that feeds an output gets its constant gain times `gain`.
std::function<void(ir::Graph&)> scaleOutputs(float gain) {
  return [gain](ir::Graph& graph) {
    std::set<ir::NodeId> tapped;
    for (const auto& tap : graph.outputs()) tapped.insert(tap.node);
    for (ir::NodeId id : tapped) {
      auto& node = graph.node(id);
      for (auto& lane : node.inputs[node.mulIndex()].lanes)
        if (lane.isConstant()) lane.value *= gain;
    }
  };
}

CheckResult checkWith(const std::string& text, std::function<void(ir::Graph&)> sabotage) {
  CheckerOptions options;
  options.sabotage = std::move(sabotage);
  return DifferentialChecker(options).check(text, {variantNamed("-O2")});
}

const fs::path kIllConditioned = fs::path(PATCHC_FUZZ_DIR) / "ill-conditioned";

TEST(DifferentialChecker, ReportsAGainErrorJustAboveTheTolerance) {
  // Noise through a filter: no constant whose rounding the patch amplifies, so the tolerance is 1e-4 of the peak.
  const std::string patch = "a = Noise()\nb = ButLP(a, freq=2000)\nb.out()\n";
  EXPECT_EQ(checkWith(patch, scaleOutputs(1.0f + 3e-4f)).status, CheckResult::Status::Different);
  // Rounding-sized: not a difference.
  EXPECT_EQ(checkWith(patch, scaleOutputs(1.0f + 1e-6f)).status, CheckResult::Status::Equal);
}

TEST(DifferentialChecker, OscillatorsWidenTheToleranceOnlyToTheirPhaseDrift) {
  // A constant frequency one ulp off drifts the phase (440 Hz: ~1e-4 of the peak after 8192 samples), which
  // const-fold's compile-time arithmetic may do too: differences up to ten times that drift are rounding. A 1%
  // gain error is not.
  const std::string patch = "a = Sine(440)\nb = ButLP(a, freq=2000)\nb.out()\n";
  auto result = checkWith(patch, scaleOutputs(1.01f));
  ASSERT_EQ(result.status, CheckResult::Status::Different);
  EXPECT_GT(result.sensitivity, 0.0);
  EXPECT_LT(result.sensitivity, 5e-4);  // of a peak near 1
  EXPECT_EQ(checkWith(patch, scaleOutputs(1.0f + 1e-6f)).status, CheckResult::Status::Equal);
}

TEST(DifferentialChecker, IllConditionedPatchesAreNotReported) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kIllConditioned)) {
    if (entry.path().extension() != ".patch") continue;
    ++files;
    auto result = DifferentialChecker().check(readFile(entry.path()), allVariants());
    EXPECT_EQ(result.status, CheckResult::Status::IllConditioned)
        << entry.path().filename() << ": " << (result.differences.empty() ? result.message
                                                                          : result.differences.front().describe());
  }
  EXPECT_GE(files, 10);
}

TEST(DifferentialChecker, ReportsAMiscompileOfAnIllConditionedPatch) {
  // A 1 Hz lowpass of a scaled sine: -O2 moves it by 3e-4 of the peak by rounding alone. A 3% gain error on the
  // output is still a difference.
  std::string patch = readFile(kIllConditioned / "seed-4000779.patch");
  auto honest = checkWith(patch, {});
  ASSERT_EQ(honest.status, CheckResult::Status::IllConditioned);
  auto sabotaged = checkWith(patch, scaleOutputs(0.97f));
  EXPECT_EQ(sabotaged.status, CheckResult::Status::Different);
}

// A miscompile of what the control program watches: every node a Watch reads gets its constant gain times `gain`.
std::function<void(ir::Graph&)> scaleWatched(float gain) {
  return [gain](ir::Graph& graph) {
    std::set<ir::NodeId> watched;
    for (size_t id = 0; id < graph.size(); ++id)
      if (graph.node(id).isWatched())
        for (const auto& lane : graph.node(id).inputs[0].lanes)
          if (!lane.isConstant()) watched.insert(lane.node);
    for (ir::NodeId id : watched) {
      auto& node = graph.node(id);
      for (auto& lane : node.inputs[node.mulIndex()].lanes)
        if (lane.isConstant()) lane.value *= gain;
    }
  };
}

TEST(DifferentialChecker, ReportsADifferenceInWhatThePatchPrints) {
  // The Print's Phasor is not an output: only its reports (every 0.01 s) show the error. (Not a Sine: lane-fuse
  // would make it one node with the output's Sine, and the sabotage would scale both.)
  const std::string patch = "lfo = Phasor(3, mul=0.5)\npr = Print(lfo, interval=0.01)\nSine(220, mul=0.1).out()\n";
  auto honest = checkWith(patch, {});
  EXPECT_EQ(honest.status, CheckResult::Status::Equal);
  auto sabotaged = checkWith(patch, scaleWatched(1.03f));
  ASSERT_EQ(sabotaged.status, CheckResult::Status::Different);
  ASSERT_EQ(sabotaged.differences.size(), 1u);
  EXPECT_TRUE(sabotaged.differences[0].report) << sabotaged.differences[0].describe();
  EXPECT_NE(sabotaged.differences[0].describe().find("report 0 differs"), std::string::npos)
      << sabotaged.differences[0].describe();
  // Rounding-sized: not a difference.
  EXPECT_EQ(checkWith(patch, scaleWatched(1.0f + 1e-6f)).status, CheckResult::Status::Equal);
}

// difffuzz seed 700016, shrunk: with the fuzz render's notes (fuzzMidiEvents), Exp of Notein's pitch in Hz is
// infinite, so the Mix's x·0 is NaN and the runtime mutes channel 0's block at -O0, while const-fold drops the
// mul=0 tap and channel 0 keeps a finite 20. The reference's samples were not finite before muting: unstable, not
// a difference.
TEST(DifferentialChecker, AReferenceTheRuntimeMutedIsUnstable) {
  auto result = DifferentialChecker().check("v0 = Notein(scale=1)\nv1 = Exp(v0).out()\nv2 = Mix([v0, v1], mul=0).out()\n",
                                            allVariants());
  EXPECT_EQ(result.status, CheckResult::Status::Unstable) << result.message;
}

// A patch the language refuses (a located diagnostic) is rejected; a crash of the compiler on the patch as
// written (tools/Pipeline.cpp's "internal compiler error: ...") is a finding, reported and shrunk like a miscompile
// (the run-time lists' fuzzing met one: a handler's `e.mul = 2` before `e.add = [0.4, 0.2]` left the mul's slot
// one lane wide, and the graph check refused the graph patchc had made).
TEST(DifferentialChecker, AnInternalCompilerErrorIsAFindingNotARejection) {
  auto refused = DifferentialChecker().check("a = Sine(freq=[1, 2], nonsense=3).out()\n", {});
  EXPECT_EQ(refused.status, CheckResult::Status::Rejected) << refused.message;
  EXPECT_FALSE(isInternalCompilerError(refused.message)) << refused.message;
  EXPECT_TRUE(isInternalCompilerError("error: internal compiler error: the graph is malformed: node 1 (e): input 2 "
                                      "reads lane 1 of node 5 which has 1\n"));
  EXPECT_TRUE(isInternalCompilerError("error: internal compiler error: the JIT failed: ...\n"));
}

}  // namespace
}  // namespace patchc::fuzz
