// A hot swap's state (codegen/StateMap.h): recompiling the script with a statement more carries the surviving
// nodes' state into the new patch, so an oscillator goes on where it was instead of restarting.
#include "codegen/StateMap.h"
#include "tests/audio/PatchRender.h"

#include <gtest/gtest.h>

#include <cmath>

namespace patchc::test {
namespace {

std::unique_ptr<CompiledPatch> compileText(const std::string& text) {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  auto patch = compilePatch(std::make_unique<SourceFile>("session.patch", text), diagnostics, {});
  EXPECT_TRUE(patch) << messages.str();
  return patch;
}

TEST(StateMap, AnOscillatorKeepsItsPhaseWhenTheScriptGrows) {
  const std::string before = "a = Sine(440, mul=0.5).out()\n";
  const std::string after = before + "b = Phasor(3, mul=0.1).out()\n";
  auto old = compileText(before), next = compileText(after), phasorAlone = compileText("b = Phasor(3, mul=0.1).out()\n");
  ASSERT_TRUE(old && next && phasorAlone);
  const auto copies = codegen::carriedState(old->info, next->info);
  EXPECT_EQ(copies.size(), 2u);  // the Sine's phase and its last block

  runtime::PatchInstance oldInstance(old->abi()), newInstance(next->abi());
  runtime::renderToBuffer(oldInstance, 1024);
  runtime::applyStateCopies(copies, oldInstance.state(), newInstance.state());
  auto swapped = runtime::renderToBuffer(newInstance, 1024);

  // What should be heard: the Sine as if nothing had happened, plus a Phasor from its start.
  runtime::PatchInstance reference(old->abi()), phasor(phasorAlone->abi());
  auto sine = runtime::renderToBuffer(reference, 2048);
  auto ramp = runtime::renderToBuffer(phasor, 1024);
  for (size_t i = 0; i < 1024; ++i) ASSERT_NEAR(swapped[0][i], sine[0][1024 + i] + ramp[0][i], 1e-6) << i;

  // Without the carried state the Sine restarts at phase 0: far from where it was.
  runtime::PatchInstance fresh(next->abi());
  auto restarted = runtime::renderToBuffer(fresh, 1024);
  double largest = 0;
  for (size_t i = 0; i < 1024; ++i) largest = std::max(largest, std::fabs(double(restarted[0][i]) - swapped[0][i]));
  EXPECT_GT(largest, 0.1);
}

TEST(StateMap, ANodeWithMoreLanesKeepsTheStateOfTheLanesItHad) {
  auto old = compileText("a = Sine(440, mul=0.5).out()\n"), next = compileText("a = Sine([440, 550], mul=0.5).out()\n");
  ASSERT_TRUE(old && next);
  // The 440 Hz lane's phase only: the node's size changed, so neither its whole state nor its last block.
  auto copies = codegen::carriedState(old->info, next->info);
  ASSERT_EQ(copies.size(), 1u);
  const auto& sine = next->info.nodes[0];
  EXPECT_EQ(copies[0].to, sine.stateOffset);
  EXPECT_EQ(copies[0].bytes, sine.laneStride);
}

TEST(StateMap, ALaneSetUpOtherwiseStartsAfresh) {
  auto old = compileText("a = Sine(440, mul=0.5).out()\n"), next = compileText("a = Sine([330, 550], mul=0.5).out()\n");
  ASSERT_TRUE(old && next);
  EXPECT_TRUE(codegen::carriedState(old->info, next->info).empty());
}

}  // namespace
}  // namespace patchc::test
