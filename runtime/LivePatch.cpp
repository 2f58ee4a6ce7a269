#include "runtime/LivePatch.h"

#include "runtime/Reports.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace patchc::runtime {

LivePatch::LivePatch(Version first, int fadeFrames)
    : channels_(first.instance->channels()),
      sampleRate_(first.instance->sampleRate()),
      bufferSize_(first.instance->bufferSize()),
      fadeFrames_(std::max(0, fadeFrames)),
      scratch_(size_t(channels_) * kChunk),
      at_(size_t(channels_)),
      scratchAt_(size_t(channels_)) {
  current_.store(new Entry(std::move(first), {}, feed_));
  for (int c = 0; c < channels_; ++c) scratchAt_[size_t(c)] = scratch_.data() + size_t(c) * kChunk;
}

LivePatch::~LivePatch() {
  // No audio thread runs any more: every entry is ours.
  delete pending_.load();
  delete current_.load();
  delete fadingOut_;
  delete unreturned_;
  Entry* entry = nullptr;
  while (retired_.pop(entry)) delete entry;
}

std::string LivePatch::submit(Version next, std::vector<StateCopy> copies) {
  std::lock_guard lock(controlMutex_);
  if (next.instance->channels() != channels_)
    return "the patch now has " + std::to_string(next.instance->channels()) + " output channels; the session plays " +
           std::to_string(channels_) + " (restart the REPL to change them)";
  if (next.instance->sampleRate() != sampleRate_)
    return "the patch's sample rate is now " + std::to_string(next.instance->sampleRate()) + " Hz; the session plays " +
           std::to_string(sampleRate_) + " Hz (restart the REPL to change it)";
  auto* entry = new Entry(std::move(next), std::move(copies), feed_);
  Entry* expected = nullptr;
  if (!pending_.compare_exchange_strong(expected, entry, std::memory_order_acq_rel)) {
    delete entry;
    return "the previous edit is not playing yet";
  }
  return {};
}

bool LivePatch::settle(double timeoutSeconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutSeconds);
  for (;;) {
    if (renderingElsewhere_.load()) {
      if (!pending_.load(std::memory_order_acquire) && !fading_.load(std::memory_order_acquire)) break;
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
      continue;
    }
    // Nobody renders: the audio thread's fields are ours for now, while the lock keeps a device from starting.
    std::lock_guard lock(controlMutex_);
    if (renderingElsewhere_.load()) continue;
    if (fadingOut_) {
      retire(fadingOut_);
      fadingOut_ = nullptr;
      fading_.store(false);
    }
    if (Entry* next = pending_.exchange(nullptr)) {
      Entry* old = current_.load();
      swapState(old, next);
      current_.store(next);
      retire(old);
      swapsTaken_.fetch_add(1, std::memory_order_relaxed);
    }
    break;
  }
  collect();
  return true;
}

void LivePatch::setRenderingElsewhere(bool rendering) {
  std::lock_guard lock(controlMutex_);
  renderingElsewhere_.store(rendering);
}

void LivePatch::collect(std::FILE* reportsTo) {
  std::lock_guard lock(controlMutex_);
  Entry* entry = nullptr;
  while (retired_.pop(entry)) destroy(entry, reportsTo);
}

void LivePatch::destroy(Entry* entry, std::FILE* reportsTo) {
  if (reportsTo) runtime::printReports(*entry->version.instance, reportsTo);
  // The instance before the code it runs.
  entry->version.instance.reset();
  delete entry;
}

void LivePatch::printReports(std::FILE* out) {
  std::lock_guard lock(controlMutex_);
  // current_ may be retired by the audio thread meanwhile, but it is freed only under this lock.
  runtime::printReports(*current_.load(std::memory_order_acquire)->version.instance, out);
  Entry* entry = nullptr;
  while (retired_.pop(entry)) destroy(entry, out);
}

void LivePatch::swapState(Entry* old, Entry* next) noexcept {
  applyStateCopies(next->copies, old->version.instance->state(), next->version.instance->state());
  // One clock: the next version's frames go on from the session's, and it reads the events from there on. (At a
  // block boundary the old one has processed exactly up to frame_; when settle() swaps while nothing renders, the
  // old one may have processed part of a block ahead, which nobody heard: its events are read again.)
  next->version.instance->continueClock(*old->version.instance, frame_);
  next->midi.startAt(frame_);
}

void LivePatch::take(Entry* next) noexcept {
  Entry* old = current_.load(std::memory_order_relaxed);
  swapState(old, next);
  current_.store(next, std::memory_order_release);
  swapsTaken_.fetch_add(1, std::memory_order_relaxed);
  // Nothing was heard of a version that has not rendered yet (an edit before the sound started): no fade.
  if (fadeFrames_ == 0 || old->version.instance->framesRendered() == 0) {
    retire(old);
    return;
  }
  fadingOut_ = old;
  fadePosition_ = 0;
  fading_.store(true, std::memory_order_release);
}

void LivePatch::retire(Entry* entry) noexcept {
  if (unreturned_ && retired_.push(unreturned_)) unreturned_ = nullptr;
  if (!retired_.push(entry)) {
    // The control side has not emptied the ring (it does before each submit): keep the newest one for later,
    // and leak an older one rather than free memory on this thread (64 swaps without a collect never happen).
    unreturned_ = entry;
  }
}

void LivePatch::render(float** outputs, int frames) noexcept {
  int done = 0;
  while (done < frames) {
    Entry* current = current_.load(std::memory_order_relaxed);
    int count = frames - done;
    if (!fadingOut_ && pending_.load(std::memory_order_relaxed)) {
      // The carried state is copied where nothing has been rendered ahead of what was heard.
      if (int toBoundary = current->version.instance->framesToBlockBoundary(); toBoundary > 0) {
        count = std::min(count, toBoundary);
      } else {
        take(pending_.exchange(nullptr, std::memory_order_acquire));
        continue;
      }
    }
    if (fadingOut_) count = std::min({count, kChunk, fadeFrames_ - fadePosition_});
    for (int c = 0; c < channels_; ++c) at_[size_t(c)] = outputs[c] + done;
    current->version.instance->render(at_.data(), count);
    if (fadingOut_) {
      fadingOut_->version.instance->render(scratchAt_.data(), count);
      // Linear: gains that sum to one, so what both versions compute alike comes out as it was.
      const float step = 1.0f / float(fadeFrames_);
      for (int c = 0; c < channels_; ++c) {
        float* out = at_[size_t(c)];
        const float* old = scratchAt_[size_t(c)];
        for (int i = 0; i < count; ++i) {
          const float gain = float(fadePosition_ + i + 1) * step;
          out[i] = old[i] + gain * (out[i] - old[i]);
        }
      }
      fadePosition_ += count;
      if (fadePosition_ >= fadeFrames_) {
        retire(fadingOut_);
        fadingOut_ = nullptr;
        fading_.store(false, std::memory_order_release);
      }
    }
    done += count;
    frame_ += count;
  }
  // The source is read even when no version has MIDI objects, so that one made later starts from its own time.
  feed_.pump(frame_);
}

}  // namespace patchc::runtime
