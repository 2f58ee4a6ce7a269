#pragma once
// What a device plays (AudioPlayer.h, SimulatedDevice.h): one PatchInstance, or the REPL's LivePatch that
// replaces one instance by the next while playing. One virtual call per device buffer.

#include "runtime/PatchInstance.h"

#include <cstdio>

namespace patchc::runtime {

class PlaybackTarget {
public:
  virtual ~PlaybackTarget() = default;
  virtual int channels() const = 0;
  virtual double sampleRate() const = 0;
  virtual int bufferSize() const = 0;
  // The audio thread's work: `frames` frames into channels() non-interleaved buffers. Real-time safe.
  virtual void render(float** outputs, int frames) noexcept = 0;
  // Prints what the audio thread queued (Print, print() in a callback); called by the thread that waits for
  // the device, never by the audio thread.
  virtual void printReports(std::FILE* out) = 0;
};

// A single instance, played as it is.
class InstanceTarget final : public PlaybackTarget {
public:
  explicit InstanceTarget(PatchInstance& instance) : instance_(instance) {}
  int channels() const override { return instance_.channels(); }
  double sampleRate() const override { return instance_.sampleRate(); }
  int bufferSize() const override { return instance_.bufferSize(); }
  void render(float** outputs, int frames) noexcept override { instance_.render(outputs, frames); }
  void printReports(std::FILE* out) override;

private:
  PatchInstance& instance_;
};

}  // namespace patchc::runtime
