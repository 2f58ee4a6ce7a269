#pragma once
// What a patch sends (pyo's Server.noteout, makenote, ctlout, ...): its handlers queue each message with its
// exact frame in the state (runtime/MidiOutQueue.h, PatchABI::midiOut); here it is taken out, off the audio thread.
//
// - Offline, takeMidiOut() collects the messages after each chunk of the render (renderCommand's
//   `--midi-out FILE.mid`: runtime/MidiFileWriter.h writes them at their frames).
// - Live, a MidiOutput opens PortMidi outputs (one, the default, or all of them as pyo's
//   setMidiOutputDevice(99)) and a sender thread of its own, which every millisecond takes the queue's messages
//   into a fixed pool ordered by frame and sends each once the patch has rendered its frame (a makenote's
//   note-off waits there for its time). The audio device plays a frame one output latency after it is
//   rendered, so messages lead the sound by that latency, plus up to a millisecond of polling.
//
// PortMidi is not thread-safe: with MIDI input open too, the input's reader and this sender both call it (on
// different streams).

#include "runtime/MidiEvent.h"
#include "runtime/MidiOutQueue.h"
#include "runtime/PatchInstance.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

typedef void PortMidiStream;  // as portmidi.h declares it

namespace patchc::runtime {

// The patch's queue of MIDI messages, or null when it sends none.
MidiOutQueue* midiOutQueue(PatchInstance& instance);

// Appends every queued message to `out` (in the order sent) and returns how many; the consumer's side of the
// queue, for one thread at a time and never the audio thread.
size_t takeMidiOut(PatchInstance& instance, std::vector<MidiEvent>& out);

// Messages the patch could not queue because it was full (the consumer fell behind), since the last call.
uint32_t takeMidiOutDropped(PatchInstance& instance);

struct MidiOutputDevice {
  int id;
  std::string name;
  std::string interface;
};

// The outputs PortMidi knows, as `--list-devices` prints them.
std::string describeMidiOutputs();

class MidiOutput {
public:
  static constexpr int kDefaultDevice = -1;  // PortMidi's default output (else the first that is not Midi Through)
  static constexpr int kAllDevices = -2;     // every output, as pyo's setMidiOutputDevice(99); 99 means it too
  static constexpr size_t kPendingCapacity = 4096;  // messages waiting for their frame (makenote's note-offs)

  // Opens the output(s) and starts sending what `instance` queues; null and `error` (one line) when no output
  // could be opened. `instance` must outlive the MidiOutput.
  static std::unique_ptr<MidiOutput> open(PatchInstance& instance, int deviceId, std::string& error);
  ~MidiOutput();  // stop(), then closes the devices
  // Sends what is due and the note-offs still waiting, then stops the sender thread; idempotent.
  void stop();
  MidiOutput(const MidiOutput&) = delete;
  MidiOutput& operator=(const MidiOutput&) = delete;

  const std::vector<MidiOutputDevice>& devices() const { return devices_; }
  uint64_t sent() const { return sent_.load(std::memory_order_relaxed); }
  // Messages lost: the patch's queue was full, or more than kPendingCapacity waited for their frame.
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

private:
  MidiOutput(PatchInstance& instance, std::vector<MidiOutputDevice> devices, std::vector<PortMidiStream*> streams);
  void sendUntilStopped();
  void sendDue(int64_t upToFrame);

  PatchInstance& instance_;
  std::vector<MidiOutputDevice> devices_;
  std::vector<PortMidiStream*> streams_;
  std::vector<MidiEvent> pending_;  // capacity kPendingCapacity, reserved at open; ordered by frame, stable
  std::vector<MidiEvent> taken_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> sent_{0}, dropped_{0};
  std::thread sender_;
};

}  // namespace patchc::runtime
