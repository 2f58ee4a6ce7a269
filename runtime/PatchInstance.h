#pragma once
// One running copy of a compiled patch: its state block and the ABI that knows how to init and process it.
// The state is allocated once, here; render() never allocates, so it may run on the audio thread.

#include "runtime/MidiEventBlock.h"
#include "runtime/MidiSource.h"
#include "runtime/PatchABI.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
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
  // A channel whose block holds a NaN or an infinity is replaced by silence (a speaker or the next program must
  // never see one) and noted in nonFinite(); the scan costs a few instructions per sample, no allocation or I/O.
  void render(float** outputs, int frames) noexcept {
    if (abi_.blockFrames > 0) renderInBlocks(outputs, frames);
    else processCall(outputs, frames);
    muteNonFinite(outputs, frames);
    framesRendered_.store(framesRendered_.load(std::memory_order_relaxed) + frames, std::memory_order_relaxed);
  }

  // What render() muted since construction or reset(). Safe to read from another thread while rendering (the
  // live player's waiting thread reports it).
  struct NonFiniteReport {
    int64_t firstFrame = -1;  // the first non-finite sample's frame, counted from reset(); -1: none yet
    uint64_t channels = 0;    // bit c set: channel c was muted at least once (channels beyond 63 share bit 63)
    int64_t mutedBlocks = 0;  // channel blocks replaced by silence
    explicit operator bool() const { return firstFrame >= 0; }
  };
  NonFiniteReport nonFinite() const {
    return {firstNonFinite_.load(std::memory_order_relaxed), nonFiniteChannels_.load(std::memory_order_relaxed),
            mutedBlocks_.load(std::memory_order_relaxed)};
  }
  int64_t framesRendered() const { return framesRendered_.load(std::memory_order_relaxed); }

  // Frames until the state is at a block's end (0: it is; a patch that takes any count always is): a hot swap
  // copies state only there (LivePatch.h), where nothing has been computed ahead of what was heard.
  int framesToBlockBoundary() const {
    return abi_.blockFrames == 0 || pendingOffset_ >= abi_.blockFrames ? 0 : abi_.blockFrames - pendingOffset_;
  }
  // Where the patch's MIDI objects take their events from (a file's MidiFileSource, a device's LiveMidiSource,
  // a LivePatch's MidiFeed), or null for none. Before each block it computes, render() writes the events with
  // frame < the block's end into the state's MidiEventBlock (PatchABI::midiEvents), with the block's start frame
  // (framesProcessed()) and serial; a patch without MIDI objects ignores the source. The source must outlive the
  // instance or be set to null first.
  void setMidiSource(MidiSource* source) noexcept { midi_ = abi_.midiEvents == PatchABI::kNoMidi ? nullptr : source; }
  bool usesMidi() const { return abi_.midiEvents != PatchABI::kNoMidi; }
  // The patch's frame: where the next process call starts, the clock MIDI events are stamped in. Counted from 0
  // at reset(), or from the frame continueClock() gave.
  int64_t framesProcessed() const { return framesProcessed_; }
  // Makes this instance go on with `previous`'s clock (LivePatch's hot swap, on the audio thread, before this
  // instance renders): its next block starts at the session's `frame`, and its blocks' serials follow
  // `previous`'s. So a MIDI object whose state was carried from `previous` (a held Notein) and one made fresh
  // both take each event at the frame `previous` would have (midi::Clock resynchronises at a new serial).
  void continueClock(const PatchInstance& previous, int64_t frame) noexcept {
    framesProcessed_ = frame;
    blockSerial_ = std::max(blockSerial_, previous.blockSerial_) + 1;
  }
  // Events that did not fit in a block's MidiEventBlock since reset() (dropped, never queued for later).
  uint64_t midiEventsDropped() const { return midiBlock() ? midiBlock()->dropped : 0; }

  const PatchABI& abi() const { return abi_; }
  int channels() const { return abi_.channels; }
  double sampleRate() const { return abi_.sampleRate; }
  int bufferSize() const { return abi_.bufferSize; }
  void* state() { return state_; }
  size_t stateAlignment() const { return alignment_; }

private:
  // For a patch that takes whole blocks: whole blocks straight into `outputs`, a partial one through `pending_`.
  void renderInBlocks(float** outputs, int frames) noexcept;
  void muteNonFinite(float** outputs, int frames) noexcept;
  // One process call. For a patch with MIDI objects, the MidiEventBlock is written first: the events before the
  // call's end (from the source; none without one), the call's start frame and serial.
  void processCall(float** outputs, int frames) noexcept;
  MidiEventBlock* midiBlock() const {
    return abi_.midiEvents == PatchABI::kNoMidi ? nullptr
                                                : reinterpret_cast<MidiEventBlock*>(static_cast<char*>(state_) + abi_.midiEvents);
  }

  PatchABI abi_;
  float* pending_ = nullptr;  // channels × blockFrames: one block rendered ahead, allocated with the state
  int pendingOffset_ = 0;     // frames of pending_ already handed out (blockFrames: none left)
  size_t alignment_ = 0;
  size_t allocatedBytes_ = 0;
  void* state_ = nullptr;
  MidiSource* midi_ = nullptr;
  int64_t framesProcessed_ = 0;  // where the next process call starts (ahead of render()'s frames by pending_)
  uint64_t blockSerial_ = 0;     // process calls made (MidiEventBlock::serial), continued across a hot swap
  // Written only by the rendering thread; atomics so that another thread may read them.
  std::atomic<int64_t> framesRendered_{0};
  std::atomic<int64_t> firstNonFinite_{-1};
  std::atomic<uint64_t> nonFiniteChannels_{0};
  std::atomic<int64_t> mutedBlocks_{0};
};

}  // namespace patchc::runtime
