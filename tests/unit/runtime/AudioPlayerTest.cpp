#include "runtime/AudioPlayer.h"
#include "tests/unit/runtime/TestPatches.h"

#include <gtest/gtest.h>
#include <portaudio.h>

namespace patchc::runtime {
namespace {

// Whether PortAudio sees an output device here (its probing noise is captured and dropped).
bool machineHasOutputDevice() {
  ::testing::internal::CaptureStderr();
  bool hasDevice = false;
  if (Pa_Initialize() == paNoError) {
    hasDevice = Pa_GetDefaultOutputDevice() != paNoDevice;
    Pa_Terminate();
  }
  ::testing::internal::GetCapturedStderr();
  return hasDevice;
}

TEST(AudioPlayer, ReportsTheMissingDeviceInOneQuietLine) {
  if (machineHasOutputDevice()) GTEST_SKIP() << "this machine has an audio output device";
  PatchInstance instance(test::sinePatch());
  ::testing::internal::CaptureStderr();
  PlayResult result = playLive(instance, {.seconds = 0.1});
  const std::string noise = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.error, "no audio output device; use `patchc render` to write a file instead");
  EXPECT_EQ(result.stats.frames, 0);
  // PortAudio's back ends (JACK, ALSA) must not reach patchc's stderr.
  EXPECT_EQ(noise, "");
}

TEST(AudioPlayer, StderrStillWorksAfterPlayback) {
  PatchInstance instance(test::sinePatch());
  PlayResult result = playLive(instance, {.seconds = 0.05});
  (void)result;
  ::testing::internal::CaptureStderr();
  std::fputs("still here\n", stderr);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "still here\n");
}

}  // namespace
}  // namespace patchc::runtime
