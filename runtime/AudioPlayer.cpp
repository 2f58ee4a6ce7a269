#include "runtime/AudioPlayer.h"

#include "runtime/AudioCallback.h"
#include "runtime/Reports.h"
#include "runtime/Denormals.h"
#include "runtime/SilencedStderr.h"
#include "runtime/SimulatedDevice.h"

#include <portaudio.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace patchc::runtime {

namespace {

// Set from the SIGINT handler; an always-lock-free atomic is async-signal-safe.
std::atomic<bool> gInterrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);
static_assert(std::atomic<int64_t>::is_always_lock_free);

extern "C" void onInterrupt(int) { gInterrupted.store(true, std::memory_order_relaxed); }

// Installs onInterrupt for SIGINT and puts the previous handler back on destruction.
class InterruptGuard {
public:
  explicit InterruptGuard(bool install) {
    gInterrupted.store(false);
    if (!install) return;
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    installed_ = sigaction(SIGINT, &action, &previous_) == 0;
  }
  ~InterruptGuard() {
    if (installed_) sigaction(SIGINT, &previous_, nullptr);
  }

private:
  struct sigaction previous_ {};
  bool installed_ = false;
};

struct PortAudioSession {
  ~PortAudioSession() {
    SilencedStderr quiet;
    Pa_Terminate();
  }
};

// PortAudio's callback data: the shared context and the underflow count PortAudio reports.
struct PortAudioContext {
  CallbackContext callback;
  std::atomic<int64_t> underflows{0};
};

// The real-time path: renders straight into PortAudio's non-interleaved buffers. No allocation, locks or I/O.
int audioCallback(const void* /*input*/, void* output, unsigned long frameCount,
                  const PaStreamCallbackTimeInfo* /*timeInfo*/, PaStreamCallbackFlags status, void* userData) {
  auto& context = *static_cast<PortAudioContext*>(userData);
  if (status & paOutputUnderflow) context.underflows.fetch_add(1, std::memory_order_relaxed);
  return renderCallback(context.callback, static_cast<float**>(output), int64_t(frameCount)) ? paComplete
                                                                                             : paContinue;
}

std::string portAudioError(const char* what, PaError error) {
  return std::string(what) + ": " + Pa_GetErrorText(error);
}

}  // namespace

std::vector<OutputDevice> outputDevices(std::string& error) {
  std::vector<OutputDevice> devices;
  PaError status;
  {
    SilencedStderr quiet;
    status = Pa_Initialize();
  }
  if (status != paNoError) {
    error = portAudioError("cannot start audio", status);
    return devices;
  }
  PortAudioSession session;
  const PaDeviceIndex fallback = Pa_GetDefaultOutputDevice();
  for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); ++i) {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
    if (!info || info->maxOutputChannels < 1) continue;
    const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi);
    devices.push_back({int(i), info->name ? info->name : "?", api && api->name ? api->name : "?",
                       info->maxOutputChannels, info->defaultSampleRate, i == fallback});
  }
  return devices;
}

void InstanceTarget::printReports(std::FILE* out) { runtime::printReports(instance_, out); }

PlayResult playLive(PlaybackTarget& instance, const PlayOptions& options) {
  if (options.simulate) return playSimulated(instance, options);
  PlayResult result;
  PaError error;
  {
    SilencedStderr quiet;
    error = Pa_Initialize();
  }
  if (error != paNoError) {
    result.error = portAudioError("cannot start audio", error);
    return result;
  }
  PortAudioSession session;

  const PaDeviceIndex device = options.device >= 0 ? PaDeviceIndex(options.device) : Pa_GetDefaultOutputDevice();
  if (options.device >= 0 && (options.device >= Pa_GetDeviceCount() || !Pa_GetDeviceInfo(device) ||
                              Pa_GetDeviceInfo(device)->maxOutputChannels < 1)) {
    result.error = "there is no audio output device " + std::to_string(options.device) +
                   " (--list-devices shows them)";
    return result;
  }
  const PaDeviceInfo* deviceInfo = device == paNoDevice ? nullptr : Pa_GetDeviceInfo(device);
  if (!deviceInfo) {
    result.error = kNoAudioDeviceMessage;
    return result;
  }
  const std::string deviceName = deviceInfo->name ? deviceInfo->name : "default";
  if (deviceInfo->maxOutputChannels < instance.channels()) {
    result.error = "audio output device '" + deviceName + "' has " + std::to_string(deviceInfo->maxOutputChannels) +
                   " output channels; the patch needs " + std::to_string(instance.channels());
    return result;
  }

  PaStreamParameters parameters{};
  parameters.device = device;
  parameters.channelCount = instance.channels();
  parameters.sampleFormat = paFloat32 | paNonInterleaved;  // the patch writes one buffer per channel
  parameters.suggestedLatency = deviceInfo->defaultLowOutputLatency;

  PortAudioContext context;
  context.callback.target = &instance;
  context.callback.channels = instance.channels();
  if (options.seconds > 0) context.callback.framesToPlay = std::llround(options.seconds * instance.sampleRate());
  const int framesPerBuffer = options.framesPerBuffer > 0 ? options.framesPerBuffer : instance.bufferSize();

  PaStream* stream = nullptr;
  {
    SilencedStderr quiet;
    error = Pa_OpenStream(&stream, nullptr, &parameters, instance.sampleRate(), unsigned(framesPerBuffer),
                          paNoFlag, audioCallback, &context);
  }
  if (error != paNoError) {
    result.error = portAudioError(("cannot open audio output device '" + deviceName + "'").c_str(), error);
    return result;
  }

  {
    InterruptGuard interruptGuard(options.catchInterrupt);
    error = Pa_StartStream(stream);
    if (error == paNoError) {
      // The stream goes inactive by itself once the callback returns paComplete and the last buffer has played.
      auto stopped = [&] {
        return gInterrupted.load(std::memory_order_relaxed) || (options.stop && *options.stop != 0);
      };
      while (!stopped() && Pa_IsStreamActive(stream) == 1) {
        Pa_Sleep(20);
        instance.printReports(stdout);  // what the audio thread queued (Print)
      }
      instance.printReports(stdout);
      result.stats.interrupted = stopped();
      Pa_StopStream(stream);  // after paComplete this reports "stream is stopped", which is fine
    } else {
      result.error = portAudioError("cannot start audio output", error);
    }
  }
  Pa_CloseStream(stream);
  result.stats.frames = context.callback.framesPlayed.load();
  result.stats.underflows = context.underflows.load();
  return result;
}

}  // namespace patchc::runtime
