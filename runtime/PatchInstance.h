#pragma once
// One running copy of a compiled patch: its state block and the ABI that knows how to init and process it.
// The state is allocated once, here; render() never allocates, so it may run on the audio thread.

#include "runtime/PatchABI.h"

#include <cstddef>
#include <stdexcept>
#include <string>

namespace patchc::runtime {

// The state could not be allocated: a clean error for the driver, not an abort (the compiler's state-bytes
// limit keeps this to a machine short of memory or a limit the user lifted).
struct StateAllocationFailed : std::runtime_error {
  explicit StateAllocationFailed(size_t bytes);
};

class PatchInstance {
public:
  // An empty string when `abi` can be run; otherwise a one-line reason (no process function, channels < 1,
  // sampleRate <= 0, bufferSize < 1, stateAlign not a power of two).
  static std::string validate(const PatchABI& abi);

  // Allocates the state (aligned to max(stateAlign, 64) so it also starts a cache line), zeroes it and calls init.
  // Throws std::invalid_argument with validate()'s message if the ABI is invalid (a code generator bug), and
  // StateAllocationFailed when the memory is not there.
  explicit PatchInstance(const PatchABI& abi);
  ~PatchInstance();
  PatchInstance(const PatchInstance&) = delete;
  PatchInstance& operator=(const PatchInstance&) = delete;

  // Zeroes the state and calls init again: the next render starts exactly as after construction.
  void reset();

  // Runs the patch for `frames` frames into `channels()` non-interleaved buffers. Real-time safe; the caller
  // chooses the floating-point mode (FileRenderer and AudioPlayer wrap it in ScopedFlushDenormals).
  void render(float** outputs, int frames) noexcept {
    if (abi_.blockFrames == 0) abi_.process(state_, outputs, frames);
    else renderInBlocks(outputs, frames);
  }

  const PatchABI& abi() const { return abi_; }
  int channels() const { return abi_.channels; }
  double sampleRate() const { return abi_.sampleRate; }
  int bufferSize() const { return abi_.bufferSize; }
  void* state() { return state_; }
  size_t stateAlignment() const { return alignment_; }

private:
  // For a patch that takes whole blocks: whole blocks straight into `outputs`, a partial one through `pending_`.
  void renderInBlocks(float** outputs, int frames) noexcept;

  PatchABI abi_;
  float* pending_ = nullptr;  // channels × blockFrames: one block rendered ahead, allocated with the state
  int pendingOffset_ = 0;     // frames of pending_ already handed out (blockFrames: none left)
  size_t alignment_ = 0;
  size_t allocatedBytes_ = 0;
  void* state_ = nullptr;
};

}  // namespace patchc::runtime
