#pragma once
// The audio callback's body, shared by the PortAudio device (AudioPlayer.cpp) and the simulated one
// (SimulatedDevice.cpp), so what the simulated clock measures is exactly what a sound card would call.

#include "runtime/Denormals.h"
#include "runtime/PlaybackTarget.h"

#include <algorithm>
#include <atomic>
#include <cstdint>

namespace patchc::runtime {

// Shared between the audio thread and the thread that waits for it. Only the callback writes framesPlayed.
struct CallbackContext {
  PlaybackTarget* target = nullptr;
  int channels = 0;
  int64_t framesToPlay = -1;  // < 0: until stopped
  std::atomic<int64_t> framesPlayed{0};
};

// Renders one buffer of `frameCount` frames into non-interleaved `outputs`, silence past the end of the
// duration. True once the duration has been played. No allocation, locks or I/O.
inline bool renderCallback(CallbackContext& context, float** outputs, int64_t frameCount) noexcept {
  ScopedFlushDenormals flush;
  const int64_t played = context.framesPlayed.load(std::memory_order_relaxed);
  int64_t frames = frameCount;
  if (context.framesToPlay >= 0) frames = std::clamp<int64_t>(context.framesToPlay - played, 0, frames);
  if (frames > 0) context.target->render(outputs, int(frames));
  for (int c = 0; c < context.channels; ++c) std::fill(outputs[c] + frames, outputs[c] + frameCount, 0.0f);
  context.framesPlayed.store(played + frames, std::memory_order_relaxed);
  return context.framesToPlay >= 0 && played + frames >= context.framesToPlay;
}

}  // namespace patchc::runtime
