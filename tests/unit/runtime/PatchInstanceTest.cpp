#include "runtime/FileRenderer.h"
#include "runtime/PatchInstance.h"
#include "tests/unit/runtime/TestPatches.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace patchc::runtime {
namespace {

// Records what init saw, for the zeroing tests.
bool gInitSawZeroedState = false;
int gInitCalls = 0;
constexpr size_t kBigStateBytes = 1000;

void checkZeroedInit(void* state) {
  ++gInitCalls;
  const auto* bytes = static_cast<const unsigned char*>(state);
  gInitSawZeroedState = std::all_of(bytes, bytes + kBigStateBytes, [](unsigned char b) { return b == 0; });
}

void silentProcess(void*, float** outputs, int frames) {
  for (int i = 0; i < frames; ++i) outputs[0][i] = 0.0f;
}

PatchABI bigStatePatch(size_t align) {
  PatchABI abi;
  abi.stateBytes = kBigStateBytes;
  abi.stateAlign = align;
  abi.channels = 1;
  abi.sampleRate = 48000;
  abi.bufferSize = 64;
  abi.init = checkZeroedInit;
  abi.process = silentProcess;
  return abi;
}

TEST(PatchInstance, StateIsAlignedAsRequested) {
  for (size_t align : {size_t(1), size_t(8), size_t(64), size_t(256), size_t(4096)}) {
    PatchInstance instance(bigStatePatch(align));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(instance.state()) % align, 0u) << "align " << align;
    // At least a cache line, whatever the patch asked for.
    EXPECT_EQ(reinterpret_cast<uintptr_t>(instance.state()) % 64, 0u);
    EXPECT_GE(instance.stateAlignment(), align);
  }
}

TEST(PatchInstance, StateTooBigForMemoryIsACleanError) {
  // With --limit state-bytes=0 a patch may ask for more than the machine has: an error to report, not an abort.
  PatchABI abi = bigStatePatch(64);
  abi.stateBytes = SIZE_MAX - 16;
  EXPECT_THROW(PatchInstance{abi}, StateAllocationFailed);
  abi.stateBytes = size_t{1} << 62;
  EXPECT_THROW(PatchInstance{abi}, StateAllocationFailed);
}

TEST(PatchInstance, StateIsZeroedBeforeInit) {
  gInitCalls = 0;
  gInitSawZeroedState = false;
  PatchInstance instance(bigStatePatch(16));
  EXPECT_EQ(gInitCalls, 1);
  EXPECT_TRUE(gInitSawZeroedState);

  std::memset(instance.state(), 0xAB, kBigStateBytes);
  gInitSawZeroedState = false;
  instance.reset();
  EXPECT_EQ(gInitCalls, 2);
  EXPECT_TRUE(gInitSawZeroedState);
}

TEST(PatchInstance, PatchWithoutStateOrInitStillRuns) {
  PatchABI abi = bigStatePatch(0);
  abi.stateBytes = 0;
  abi.init = nullptr;
  PatchInstance instance(abi);
  EXPECT_NE(instance.state(), nullptr);
  float buffer[8] = {1, 1, 1, 1, 1, 1, 1, 1};
  float* outputs[1] = {buffer};
  instance.render(outputs, 8);
  EXPECT_EQ(buffer[7], 0.0f);
}

TEST(PatchInstance, InvalidAbiIsRejectedWithAReason) {
  PatchABI abi = test::sinePatch();
  EXPECT_EQ(PatchInstance::validate(abi), "");

  PatchABI noProcess = abi;
  noProcess.process = nullptr;
  EXPECT_NE(PatchInstance::validate(noProcess), "");
  EXPECT_THROW(PatchInstance{noProcess}, std::invalid_argument);

  PatchABI badAlign = abi;
  badAlign.stateAlign = 24;
  EXPECT_NE(PatchInstance::validate(badAlign).find("power of two"), std::string::npos);

  PatchABI noChannels = abi;
  noChannels.channels = 0;
  EXPECT_NE(PatchInstance::validate(noChannels), "");
  PatchABI noRate = abi;
  noRate.sampleRate = 0;
  EXPECT_NE(PatchInstance::validate(noRate), "");
  PatchABI noBuffer = abi;
  noBuffer.bufferSize = 0;
  EXPECT_NE(PatchInstance::validate(noBuffer), "");
  // A patch compiled against another layout of the ABI (an old native executable's object, say).
  PatchABI otherVersion = abi;
  otherVersion.version = PatchABI::kVersion + 1;
  EXPECT_NE(PatchInstance::validate(otherVersion).find("another runtime"), std::string::npos);
  PatchABI otherSize = abi;
  otherSize.size = sizeof(PatchABI) - 8;
  EXPECT_NE(PatchInstance::validate(otherSize).find("another runtime"), std::string::npos);
}

TEST(PatchInstance, RenderToBufferGivesTheSamplesProcessWrites) {
  // 1050 frames in blocks of 100: ten full blocks and a partial one, so block boundaries are exercised.
  PatchInstance instance(test::sinePatch(100));
  const auto channels = renderToBuffer(instance, 1050);
  ASSERT_EQ(channels.size(), 2u);
  ASSERT_EQ(channels[0].size(), 1050u);
  for (int64_t n = 0; n < 1050; ++n) {
    ASSERT_EQ(channels[0][size_t(n)], test::sineSample(n)) << n;
    ASSERT_EQ(channels[1][size_t(n)], -test::sineSample(n)) << n;
  }
  // Rendering continues from the current state; reset() starts over.
  EXPECT_EQ(renderToBuffer(instance, 1)[0][0], test::sineSample(1050));
  instance.reset();
  EXPECT_EQ(renderToBuffer(instance, 1)[0][0], test::sineSample(0));
  EXPECT_EQ(renderToBuffer(instance, 0)[0].size(), 0u);
}

int gLargestBlock = 0;
void recordBlock(void*, float**, int frames) { gLargestBlock = std::max(gLargestBlock, frames); }

TEST(PatchInstance, RenderToBufferNeverExceedsTheBufferSize) {
  PatchABI abi = bigStatePatch(0);
  abi.init = nullptr;
  abi.bufferSize = 128;
  abi.process = recordBlock;
  gLargestBlock = 0;
  PatchInstance instance(abi);
  renderToBuffer(instance, 1000);
  EXPECT_EQ(gLargestBlock, 128);
}

}  // namespace
}  // namespace patchc::runtime

namespace patchc::runtime {
namespace {

// Channel 0: a steady 0.25; channel 1: 0.25 until frame kBlowUpFrame, NaN and infinities after it.
constexpr int64_t kBlowUpFrame = 1000;
struct BlowUpState {
  int64_t frame;
};
void blowUpProcess(void* state, float** outputs, int frames) {
  auto& s = *static_cast<BlowUpState*>(state);
  for (int i = 0; i < frames; ++i, ++s.frame) {
    outputs[0][i] = 0.25f;
    outputs[1][i] = s.frame < kBlowUpFrame ? 0.25f : (s.frame % 2 ? std::numeric_limits<float>::quiet_NaN()
                                                                   : std::numeric_limits<float>::infinity());
  }
}

TEST(PatchInstance, NonFiniteSamplesAreMutedPerChannelBlockAndReportedOnce) {
  PatchABI abi;
  abi.stateBytes = sizeof(BlowUpState);
  abi.channels = 2;
  abi.sampleRate = 1000;
  abi.bufferSize = 64;
  abi.process = blowUpProcess;
  PatchInstance instance(abi);
  EXPECT_FALSE(instance.nonFinite());
  auto channels = renderToBuffer(instance, 2000);
  // No NaN or infinity reaches the output; the block that holds frame 1000 (960..1023) is silence from its start.
  for (const auto& channel : channels)
    for (float sample : channel) ASSERT_TRUE(std::isfinite(sample));
  EXPECT_EQ(channels[1][959], 0.25f);
  for (int64_t n = 960; n < 2000; ++n) ASSERT_EQ(channels[1][size_t(n)], 0.0f) << n;
  for (float sample : channels[0]) ASSERT_EQ(sample, 0.25f);  // the healthy channel is untouched
  auto report = instance.nonFinite();
  ASSERT_TRUE(report);
  EXPECT_EQ(report.firstFrame, kBlowUpFrame);
  EXPECT_EQ(report.channels, 2u);          // channel 1 only
  EXPECT_EQ(report.mutedBlocks, 32 - 15);  // blocks 15..31 of 64 frames
  instance.reset();
  EXPECT_FALSE(instance.nonFinite());
  EXPECT_EQ(instance.framesRendered(), 0);
}

}  // namespace
}  // namespace patchc::runtime
