#include "runtime/SimulatedDevice.h"

#include "runtime/AudioCallback.h"
#include "runtime/Reports.h"
#include "runtime/StopSignals.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <cmath>
#include <ctime>
#include <memory>
#include <optional>
#include <pthread.h>
#include <sched.h>
#include <thread>
#include <vector>

namespace patchc::runtime {

namespace {

int64_t nowNanoseconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void sleepUntil(int64_t nanoseconds) {
  timespec ts{};
  ts.tv_sec = time_t(nanoseconds / 1'000'000'000);
  ts.tv_nsec = long(nanoseconds % 1'000'000'000);
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
  }
}

// JACK's default priority for its audio thread; below the kernel's own interrupt threads.
constexpr int kRealTimePriority = 70;

}  // namespace

PlayResult playSimulated(PlaybackTarget& instance, const PlayOptions& options) {
  PlayResult result;
  const int framesPerBuffer = options.framesPerBuffer > 0 ? options.framesPerBuffer : instance.bufferSize();
  const int channels = instance.channels();
  // Everything the device thread touches is allocated here, before it starts.
  std::vector<float> samples(size_t(channels) * size_t(framesPerBuffer));
  std::vector<float*> outputs(static_cast<size_t>(channels));
  for (int c = 0; c < channels; ++c) outputs[size_t(c)] = samples.data() + size_t(c) * size_t(framesPerBuffer);
  CallbackContext context;
  context.target = &instance;
  context.channels = channels;
  if (options.seconds > 0) context.framesToPlay = std::llround(options.seconds * instance.sampleRate());
  const int64_t period = std::llround(double(framesPerBuffer) / instance.sampleRate() * 1e9);

  // Without a caller's flag, SIGINT, SIGTERM and SIGHUP stop the performance (as Ctrl-C stops PortAudio's).
  std::optional<StopSignals> ownSignals;
  const volatile std::sig_atomic_t* stop = options.stop;
  if (!stop) {
    ownSignals.emplace();
    stop = StopSignals::flag();
  }

  PlayStats& stats = result.stats;
  std::atomic<bool> finished{false};
  std::thread device([&] {
    sched_param parameters{};
    parameters.sched_priority = kRealTimePriority;
    stats.realTimePriority = pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters) == 0;
    int64_t due = nowNanoseconds() + period;  // the first buffer is due one period after the stream starts
    for (;;) {
      const int64_t start = due - period;
      sleepUntil(start);
      if (*stop != 0) {
        stats.interrupted = true;
        break;
      }
      const int64_t begin = nowNanoseconds();
      const bool complete = renderCallback(context, outputs.data(), framesPerBuffer);
      const int64_t end = nowNanoseconds();
      ++stats.callbacks;
      if (end > due) {
        ++stats.missedDeadlines;
        if (end - begin > period) ++stats.overruns;
      }
      stats.slowestCallbackSeconds = std::max(stats.slowestCallbackSeconds, double(end - begin) * 1e-9);
      stats.worstWakeLatencySeconds = std::max(stats.worstWakeLatencySeconds, double(begin - start) * 1e-9);
      if (complete) break;
      due += period;  // the device's clock does not wait for a late callback
    }
    finished.store(true, std::memory_order_release);
  });
  // This thread prints what the patch reports (Print), as the live player's does.
  while (!finished.load(std::memory_order_acquire)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    instance.printReports(stdout);
  }
  device.join();
  instance.printReports(stdout);
  stats.frames = context.framesPlayed.load();
  return result;
}

}  // namespace patchc::runtime
