#pragma once
// Live MIDI input from a device through PortMidi (on Linux, ALSA's sequencer): list the inputs
// (`--list-devices`), open one by PortMidi's device id, the default input or all of them, and read them on a
// thread of its own into one LiveMidiSource, which the audio thread drains each block (MidiSource). Only
// channel voice messages pass; sysex, clock and other system messages are filtered out by PortMidi.
//
// Latency: the reader polls every millisecond, and a message is taken by the next block the audio thread
// renders, stamped at that block's first frame. From key press to sound: up to 1 ms of polling, plus 0 to one
// block of waiting for the next callback (the jitter: events are quantized to block starts), plus the audio
// device's output latency. At 256 frames and 44100 Hz that is at most about 7 ms before the output latency.
//
// PortMidi is not thread-safe: list the devices before opening, from one thread (the driver's main thread);
// the reader thread is then the only one calling PortMidi until the MidiInput is destroyed.
//
// With no MIDI subsystem or device (CI, containers: no /dev/snd/seq), listing gives an empty list and opening
// gives an error message; nothing crashes and nothing is printed.

#include "runtime/LiveMidiSource.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

typedef void PortMidiStream;  // as portmidi.h declares it, so this header does not need portmidi.h

namespace patchc::runtime {

struct MidiInputDevice {
  int id;                 // PortMidi's device id: what `--midi-device N` (or MidiInput::open) takes
  std::string name;       // e.g. "Launchkey Mini MIDI 1"
  std::string interface;  // PortMidi's back end, "ALSA" on Linux
  bool isDefault;
};

struct MidiInputList {
  std::vector<MidiInputDevice> inputs;
  std::string error;  // when PortMidi itself could not start; an empty list without error is "no device"
};

MidiInputList listMidiInputs();

// Marks the default input: the first that is not ALSA's "Midi Through" port (it only echoes what other
// programs send it, so a keyboard is never there), else the first.
void markDefaultMidiInput(std::vector<MidiInputDevice>& inputs);

// The list as `--list-devices` prints it: a heading and one line per input, or a line saying there is none.
std::string describeMidiInputs(const MidiInputList& list);

class MidiInput {
public:
  static constexpr int kDefaultDevice = -1;  // the input markDefaultMidiInput chooses
  static constexpr int kAllDevices = -2;     // every input at once, as pyo's setMidiInputDevice(99) does

  // Opens input `deviceId` (or the default input, or all of them) and starts reading into one queue of
  // `capacity` messages. On failure returns null and sets `error` to one line saying why.
  static std::unique_ptr<MidiInput> open(int deviceId, std::string& error,
                                         size_t capacity = LiveMidiSource::kDefaultCapacity);
  ~MidiInput();  // stops the reader thread, closes the device
  MidiInput(const MidiInput&) = delete;
  MidiInput& operator=(const MidiInput&) = delete;

  // What the audio thread reads (the only member it may touch).
  MidiSource& source() { return source_; }
  const std::vector<MidiInputDevice>& devices() const { return devices_; }  // what was opened
  // Messages lost: the queue was full (the audio thread did not drain it in time), or PortMidi's own buffer
  // overflowed (the reader thread was not scheduled for a long time).
  uint64_t dropped() const { return source_.dropped() + portMidiOverflows_.load(std::memory_order_relaxed); }

private:
  MidiInput(size_t capacity, std::vector<MidiInputDevice> devices, std::vector<PortMidiStream*> streams);
  void readUntilStopped();

  LiveMidiSource source_;
  std::vector<MidiInputDevice> devices_;
  std::vector<PortMidiStream*> streams_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> portMidiOverflows_{0};
  std::thread reader_;
};

}  // namespace patchc::runtime
