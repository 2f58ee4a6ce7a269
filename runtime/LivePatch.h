#pragma once
// The patch a live-coding session plays (issue 9, `patchc repl`): one compiled patch at a time, replaced by the
// next while the audio plays. The compiler prepares the next version off the audio thread (its state allocated
// and initialised, the copies that carry surviving nodes' state computed: codegen/StateMap.h) and submits it;
// the audio thread takes it at the playing version's next block boundary, copies the carried state across and
// crossfades from the old version to the new over a few milliseconds, rendering both meanwhile. A node that
// survived the edit computes the same samples in both, so it goes on without a seam; what changed fades.
// The audio thread never allocates, locks or waits: versions travel by atomic pointer, retired ones back through
// a ring that the control side empties (collect()).
//
// MIDI: the session has one clock, its frames since it started (frame()); each version continues the one it
// replaces (PatchInstance::continueClock), so a Notein carried across an edit goes on with its held notes. The
// session's MidiSource is read once, by a MidiFeed, and every version reads the feed through a reader of its
// own: during a crossfade both versions get the same events.

#include "runtime/MidiFeed.h"
#include "runtime/PlaybackTarget.h"
#include "runtime/SpscRingBuffer.h"
#include "runtime/StateCopy.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace patchc::runtime {

class LivePatch final : public PlaybackTarget {
public:
  // One compiled patch, running: its instance and whatever keeps its code alive (the JIT that owns it).
  struct Version {
    std::unique_ptr<PatchInstance> instance;
    std::shared_ptr<const void> code;
  };

  // Plays `first`; later versions must have its channels and sample rate. `fadeFrames` 0: swaps cut.
  LivePatch(Version first, int fadeFrames);
  ~LivePatch() override;
  LivePatch(const LivePatch&) = delete;
  LivePatch& operator=(const LivePatch&) = delete;

  // ---- control side (one thread at a time; never the audio thread) ----

  // Hands `next` to the audio thread, with the copies from the playing version's state (the one the last
  // settle() left playing) into its state. An empty string when submitted; otherwise why not (another channel
  // count or sample rate, or a version submitted before is still waiting: call settle() first).
  std::string submit(Version next, std::vector<StateCopy> copies);

  // Makes the last submitted version the playing one and frees retired ones. While a device renders on its own
  // thread (setRenderingElsewhere(true)) it waits, up to `timeoutSeconds`, for the audio thread to take it and
  // finish the crossfade; false when it did not in time. Otherwise nobody renders now: the swap is made at once,
  // without a crossfade (nothing was heard of the version it replaces since), and an unfinished fade ends.
  bool settle(double timeoutSeconds = 2.0);

  // Whether a device thread is calling render() (the REPL's :play / :stop). Set it before a device starts
  // rendering and after it stopped: it waits for a settle() that is swapping by itself.
  void setRenderingElsewhere(bool rendering);
  bool renderingElsewhere() const { return renderingElsewhere_.load(); }

  // Frees the versions the audio thread has retired (printing what they still had to print).
  void collect(std::FILE* reportsTo = nullptr);

  // Where the session's MIDI objects take their events from (a file's MidiFileSource, a device's
  // LiveMidiSource), in the session's frames; null: none. Set it before rendering starts; the source must
  // outlive the rendering (set null again first).
  void setMidiSource(MidiSource* source) { feed_.setSource(source); }
  const MidiFeed& midiFeed() const { return feed_; }
  // Frames rendered since the session started: the clock of its MIDI events. Read it while nothing renders.
  int64_t frame() const { return frame_; }

  int64_t swapsTaken() const { return swapsTaken_.load(std::memory_order_relaxed); }
  int fadeFrames() const { return fadeFrames_; }

  // ---- PlaybackTarget ----
  int channels() const override { return channels_; }
  double sampleRate() const override { return sampleRate_; }
  int bufferSize() const override { return bufferSize_; }
  // The audio thread's work. Real-time safe.
  void render(float** outputs, int frames) noexcept override;
  void printReports(std::FILE* out) override;

private:
  struct Entry {
    Entry(Version v, std::vector<StateCopy> c, MidiFeed& feed)
        : version(std::move(v)), copies(std::move(c)), midi(feed) {
      version.instance->setMidiSource(&midi);
    }
    Version version;
    std::vector<StateCopy> copies;
    MidiFeed::Reader midi;  // this version's events (the instance ignores it when it has no MIDI object)
  };
  // Audio thread: takes the pending entry at a block boundary.
  void take(Entry* next) noexcept;
  // Makes `next` play from now on in place of `old`: its state gets the carried copies, its clock the session's.
  void swapState(Entry* old, Entry* next) noexcept;
  void retire(Entry* entry) noexcept;
  static void destroy(Entry* entry, std::FILE* reportsTo);

  static constexpr int kChunk = 256;  // frames the fade renders at a time (the scratch buffer's length)
  const int channels_;
  const double sampleRate_;
  const int bufferSize_;
  const int fadeFrames_;

  std::atomic<Entry*> pending_{nullptr};   // submitted, not yet taken (control writes non-null, audio nulls)
  std::atomic<Entry*> current_{nullptr};   // playing (written by the audio thread, or by settle() when idle)
  Entry* fadingOut_ = nullptr;             // audio thread only: the version fading out
  int fadePosition_ = 0;
  std::atomic<bool> fading_{false};
  std::atomic<bool> renderingElsewhere_{false};
  std::atomic<int64_t> swapsTaken_{0};
  MidiFeed feed_;                          // audio thread (or control while nothing renders)
  int64_t frame_ = 0;                      // the session's frames rendered (audio thread)
  SpscRingBuffer<Entry*> retired_{64};     // audio → control
  Entry* unreturned_ = nullptr;            // audio thread: retired while the ring was full, returned next time
  std::vector<float> scratch_;             // channels × kChunk: the fading version's samples
  std::vector<float*> at_, scratchAt_;     // channel pointers, moved along the outputs and the scratch
  std::mutex controlMutex_;                // between control threads (the REPL's, the device's, a session's upgrader)
};

}  // namespace patchc::runtime
