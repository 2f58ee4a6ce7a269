#include "runtime/PatchInstance.h"

#include "runtime/Denormals.h"
#include "runtime/MidiOutQueue.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <new>
#include <stdexcept>

namespace patchc::runtime {

namespace {
// A cache line: the state never shares one with the allocator's bookkeeping or another instance.
constexpr size_t kMinAlignment = 64;

bool isPowerOfTwo(size_t n) { return n != 0 && (n & (n - 1)) == 0; }
}  // namespace

StateAllocationFailed::StateAllocationFailed(size_t bytes)
    : std::runtime_error("cannot allocate the patch's state: " + std::to_string(bytes) + " bytes (out of memory)") {}

std::string PatchInstance::validate(const PatchABI& abi) {
  if (abi.version != PatchABI::kVersion || abi.size != sizeof(PatchABI))
    return "patch was compiled for another runtime (ABI version " + std::to_string(abi.version) + ", " +
           std::to_string(abi.size) + " bytes; this runtime has version " + std::to_string(PatchABI::kVersion) + ", " +
           std::to_string(sizeof(PatchABI)) + " bytes)";
  if (!abi.process) return "patch has no process function";
  if (abi.channels < 1) return "patch has " + std::to_string(abi.channels) + " output channels; need at least 1";
  if (!(abi.sampleRate > 0.0)) return "patch sample rate must be positive";
  if (abi.bufferSize < 1) return "patch buffer size must be at least 1";
  if (abi.blockFrames < 0 || abi.blockFrames > 4096) return "patch block size must be between 0 and 4096";
  if (abi.blockFrames > 0 && abi.channels > 64) return "a patch that takes whole blocks has at most 64 channels";
  if (abi.midiEvents != PatchABI::kNoMidi &&
      (abi.midiEvents % alignof(MidiEventBlock) != 0 || abi.midiEvents > abi.stateBytes ||
       abi.stateBytes - abi.midiEvents < sizeof(MidiEventBlock)))
    return "patch's MIDI event block lies outside its state";
  if (abi.midiOut != PatchABI::kNoMidiOut &&
      (abi.midiOut % alignof(MidiOutQueue) != 0 || abi.midiOut > abi.stateBytes ||
       abi.stateBytes - abi.midiOut < sizeof(MidiOutQueue)))
    return "patch's MIDI output queue lies outside its state";
  if (abi.stateAlign != 0 && !isPowerOfTwo(abi.stateAlign))
    return "patch state alignment " + std::to_string(abi.stateAlign) + " is not a power of two";
  return {};
}

PatchInstance::PatchInstance(const PatchABI& abi) : abi_(abi) {
  if (std::string problem = validate(abi); !problem.empty()) throw std::invalid_argument(problem);
  alignment_ = std::max({abi.stateAlign, alignof(std::max_align_t), kMinAlignment});
  // aligned_alloc wants a size that is a multiple of the alignment; allocate at least one block so state() is
  // never null, even for a patch without state.
  if (abi.stateBytes > SIZE_MAX - alignment_) throw StateAllocationFailed(abi.stateBytes);
  allocatedBytes_ = std::max(alignment_, (abi.stateBytes + alignment_ - 1) / alignment_ * alignment_);
  state_ = std::aligned_alloc(alignment_, allocatedBytes_);
  if (!state_) throw StateAllocationFailed(allocatedBytes_);
  if (abi.blockFrames > 0) {
    pending_ = static_cast<float*>(std::malloc(sizeof(float) * static_cast<size_t>(abi.channels * abi.blockFrames)));
    if (!pending_) {
      std::free(state_);
      throw StateAllocationFailed(sizeof(float) * static_cast<size_t>(abi.channels * abi.blockFrames));
    }
  }
  reset();
}

PatchInstance::~PatchInstance() {
  std::free(pending_);
  std::free(state_);
}

void PatchInstance::renderInBlocks(float** outputs, int frames) noexcept {
  const int block = abi_.blockFrames;
  const int channels = abi_.channels;
  // The channel pointers of one call, moved along `outputs` (at most 64 channels: the compiler's limit).
  float* at[64];
  int done = 0;
  auto fromPending = [&](int count) {
    for (int c = 0; c < channels; ++c)
      std::memcpy(outputs[c] + done, pending_ + c * block + pendingOffset_, sizeof(float) * static_cast<size_t>(count));
    pendingOffset_ += count;
    done += count;
  };
  // One process call for all whole blocks; with a MIDI source one per block, each with its own events.
  auto run = [&](float** into, int count) {
    if (!midi_) {
      processCall(into, count);
      return;
    }
    float* part[64];
    for (int b = 0; b < count; b += block) {
      for (int c = 0; c < channels; ++c) part[c] = into[c] + b;
      processCall(part, block);
    }
  };
  if (pendingOffset_ < block) fromPending(std::min(block - pendingOffset_, frames));
  if (int whole = (frames - done) / block * block; whole > 0) {
    for (int c = 0; c < channels; ++c) at[c] = outputs[c] + done;
    run(at, whole);
    done += whole;
  }
  if (done < frames) {
    for (int c = 0; c < channels; ++c) at[c] = pending_ + c * block;
    run(at, block);
    pendingOffset_ = 0;
    fromPending(frames - done);
  }
}

void PatchInstance::processCall(float** outputs, int frames) noexcept {
  MidiEventBlock* block = midiBlock();
  const int64_t start = framesProcessed_, end = framesProcessed_ + frames;
  if (block) {
    // The events before the block's end; any frame before its start (a live event, stamped at a block start; a
    // file's events after a reset) is taken at the start. What does not fit is dropped and counted.
    uint32_t count = 0;
    if (midi_) {
      MidiEvent taken[32];
      for (;;) {
        const size_t n = midi_->eventsBefore(end, taken, std::size(taken));
        for (size_t k = 0; k < n; ++k) {
          if (count == MidiEventBlock::kCapacity) {
            ++block->dropped;
            continue;
          }
          MidiBlockEvent& e = block->events[count++];
          e.frame = std::clamp<int64_t>(taken[k].frame, start, end - 1);
          e.status = taken[k].status;
          e.data1 = taken[k].data1;
          e.data2 = taken[k].data2;
        }
        if (n < std::size(taken)) break;
      }
    }
    block->count = count;
    block->start = start;
    block->serial = ++blockSerial_;
  }
  abi_.process(state_, outputs, frames);
  if (block) block->count = 0;
  framesProcessed_ = end;
}

namespace {
// True when any of the samples is a NaN or an infinity: all exponent bits set, that is |bits| >= 0x7f800000, that is
// bit 31 of |bits| + 0x00800000. OR-ing that over the block in eight lanes lets the compiler use vector
// instructions (a few cycles per 8 samples), and integer bits work whatever the floating-point mode (a test such
// as x != x is folded away under -ffast-math).
bool anyNonFinite(const float* samples, int frames) noexcept {
  constexpr uint32_t kMagnitude = 0x7fffffffu, kCarryIntoSign = 0x00800000u;
  uint32_t lanes[8] = {};
  int i = 0;
  for (; i + 8 <= frames; i += 8)
    for (int k = 0; k < 8; ++k) lanes[k] |= (std::bit_cast<uint32_t>(samples[i + k]) & kMagnitude) + kCarryIntoSign;
  uint32_t any = 0;
  for (uint32_t lane : lanes) any |= lane;
  for (; i < frames; ++i) any |= (std::bit_cast<uint32_t>(samples[i]) & kMagnitude) + kCarryIntoSign;
  return (any & 0x80000000u) != 0;
}
}  // namespace

void PatchInstance::muteNonFinite(float** outputs, int frames) noexcept {
  for (int c = 0; c < abi_.channels; ++c) {
    float* samples = outputs[c];
    if (!anyNonFinite(samples, frames)) continue;
    if (firstNonFinite_.load(std::memory_order_relaxed) < 0) {
      int first = 0;
      while (first < frames && (std::bit_cast<uint32_t>(samples[first]) & 0x7fffffffu) < 0x7f800000u) ++first;
      firstNonFinite_.store(framesRendered_.load(std::memory_order_relaxed) + first, std::memory_order_relaxed);
    }
    nonFiniteChannels_.fetch_or(uint64_t(1) << std::min(c, 63), std::memory_order_relaxed);
    mutedBlocks_.fetch_add(1, std::memory_order_relaxed);
    std::memset(samples, 0, sizeof(float) * size_t(frames));
  }
}

void PatchInstance::reset() {
  std::memset(state_, 0, allocatedBytes_);
  framesRendered_.store(0, std::memory_order_relaxed);
  firstNonFinite_.store(-1, std::memory_order_relaxed);
  nonFiniteChannels_.store(0, std::memory_order_relaxed);
  mutedBlocks_.store(0, std::memory_order_relaxed);
  pendingOffset_ = abi_.blockFrames;  // nothing rendered ahead
  framesProcessed_ = 0;
  blockSerial_ = 0;
  // init runs in the same floating-point mode as process, so coefficients it computes match on every host.
  ScopedFlushDenormals flush;
  if (abi_.init) abi_.init(state_);
}

}  // namespace patchc::runtime
