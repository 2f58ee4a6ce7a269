#pragma once
// Live playback through PortAudio's default output device. The audio callback runs the patch's process with
// denormals flushed and does nothing else: no allocation, no locks, no I/O.

#include "runtime/PatchInstance.h"
#include "runtime/PlaybackTarget.h"

#include <csignal>
#include <cstdint>
#include <string>
#include <vector>

namespace patchc::runtime {

struct PlayOptions {
  double seconds = 0;  // how long to play; 0 (or less) plays until Ctrl-C
  // Frames per callback; 0: the patch's buffer size (its Server's buffersize).
  int framesPerBuffer = 0;
  // Play on the simulated device (SimulatedDevice.h) instead of PortAudio's default output: for machines without
  // a sound card, and to count missed deadlines.
  bool simulate = false;
  // PortAudio's output device index (outputDevices()); -1: the default output.
  int device = -1;
  // Playback also stops when this becomes non-zero (StopSignals::flag()).
  const volatile std::sig_atomic_t* stop = nullptr;
  // Ctrl-C (SIGINT) stops playback. The REPL plays on another thread than its prompt and keeps Ctrl-C for it.
  bool catchInterrupt = true;
};

struct PlayStats {
  int64_t frames = 0;       // frames handed to the device
  int64_t underflows = 0;   // callbacks PortAudio flagged as late (output underflow)
  bool interrupted = false; // stopped by Ctrl-C (SIGINT) rather than by the duration running out
  // The simulated device's clock (zero on PortAudio's).
  int64_t callbacks = 0;
  int64_t missedDeadlines = 0;  // callbacks that finished after the time their buffer was due
  // Of those, the ones whose own work took longer than a period (the patch is too slow, or allocated, locked,
  // waited); the rest were late because the thread woke late (the system's scheduling latency).
  int64_t overruns = 0;
  double slowestCallbackSeconds = 0;  // the longest callback's own work, from its actual start to its end
  double worstWakeLatencySeconds = 0; // the latest the thread woke after a callback was due to start
  bool realTimePriority = false;      // the device thread ran with SCHED_FIFO
};

struct PlayResult {
  std::string error;  // empty on success; otherwise one line for the user
  PlayStats stats;
  bool ok() const { return error.empty(); }
  explicit operator bool() const { return ok(); }
};

// The message when the machine has no output device (exact text; the driver and tests compare with it).
inline constexpr const char* kNoAudioDeviceMessage =
    "no audio output device; use `patchc render` to write a file instead";

// Plays the patch from its current state until `options.seconds` have been played or SIGINT arrives (the
// previous SIGINT handler is restored before returning). Blocks the calling thread. PortAudio's back ends print
// noise on stderr while they probe (JACK, ALSA); it is silenced by pointing fd 2 at /dev/null during
// initialisation, stream opening and termination, so output from other threads to stderr is lost at those moments.
PlayResult playLive(PlaybackTarget& target, const PlayOptions& options = {});
inline PlayResult playLive(PatchInstance& instance, const PlayOptions& options = {}) {
  InstanceTarget target(instance);
  return playLive(target, options);
}

// An output device PortAudio offers (`--list-devices`).
struct OutputDevice {
  int index = -1;  // for PlayOptions::device
  std::string name, hostApi;
  int channels = 0;
  double defaultSampleRate = 0;
  bool isDefault = false;
};
// The machine's output devices (none on a machine without a sound card); `error` set when PortAudio cannot start.
std::vector<OutputDevice> outputDevices(std::string& error);

}  // namespace patchc::runtime
