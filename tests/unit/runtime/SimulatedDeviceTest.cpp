// The simulated device's missed-deadline count, both ways: a light patch at 64-frame buffers misses none, and a
// callback made slower than its period is counted as missing every time, so a zero is believable.
#include "runtime/AudioPlayer.h"
#include "tests/unit/runtime/TestPatches.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace patchc::runtime {
namespace {

TEST(SimulatedDevice, ALightPatchMissesNoDeadlineAt64Frames) {
  PatchInstance instance(test::sinePatch(64));
  PlayOptions options;
  options.simulate = true;
  options.framesPerBuffer = 64;
  options.seconds = 2;
  PlayResult result = playLive(instance, options);
  ASSERT_TRUE(result.ok()) << result.error;
  const PlayStats& stats = result.stats;
  EXPECT_EQ(stats.frames, 96000);
  EXPECT_EQ(stats.callbacks, 1500);  // 96000 / 64
  // The patch's own work never takes a period. Misses from late wake-ups are the machine's scheduling latency
  // (a shared, loaded 2-core VM wakes even a SCHED_FIFO thread milliseconds late): they must be explained by it.
  EXPECT_EQ(stats.overruns, 0) << "slowest callback " << stats.slowestCallbackSeconds * 1e3 << " ms";
  EXPECT_LT(stats.slowestCallbackSeconds, 64 / 48000.0);
  if (stats.missedDeadlines > 0) {
    EXPECT_GT(stats.worstWakeLatencySeconds, 0.0) << stats.missedDeadlines << " misses without a late wake-up";
  }
  std::printf("[ simulated ] %lld missed deadlines of %lld, worst wake-up latency %.3f ms, slowest callback %.3f ms\n",
              (long long)stats.missedDeadlines, (long long)stats.callbacks, stats.worstWakeLatencySeconds * 1e3,
              stats.slowestCallbackSeconds * 1e3);
  EXPECT_FALSE(stats.interrupted);
}

// The test sine, made slower than a 64-frame period at 48 kHz (1.33 ms).
void slowSineProcess(void* state, float** outputs, int frames) {
  test::sineProcess(state, outputs, frames);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

TEST(SimulatedDevice, ACallbackSlowerThanItsPeriodIsCountedAsMissing) {
  PatchABI abi = test::sinePatch(64);
  abi.process = slowSineProcess;
  PatchInstance instance(abi);
  PlayOptions options;
  options.simulate = true;
  options.framesPerBuffer = 64;
  options.seconds = 0.1;  // 75 callbacks
  PlayResult result = playLive(instance, options);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.stats.callbacks, 75);
  EXPECT_EQ(result.stats.missedDeadlines, 75);
  EXPECT_EQ(result.stats.overruns, 75);
  EXPECT_GE(result.stats.slowestCallbackSeconds, 0.002);
}

TEST(SimulatedDevice, PlaysTheSamplesThePatchRenders) {
  // The device calls the same render as a file render: the instance advanced by exactly the frames played.
  PatchInstance instance(test::sinePatch(64));
  PlayOptions options;
  options.simulate = true;
  options.seconds = 0.05;
  PlayResult result = playLive(instance, options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(instance.framesRendered(), 2400);
  EXPECT_EQ(result.stats.frames, 2400);
}

}  // namespace
}  // namespace patchc::runtime
