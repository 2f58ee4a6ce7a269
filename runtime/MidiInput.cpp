#include "runtime/MidiInput.h"

#include "runtime/PortMidiLibrary.h"
#include "runtime/SilencedStderr.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <portmidi.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PATCHC_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define PATCHC_ADDRESS_SANITIZER 1
#endif

#ifdef PATCHC_ADDRESS_SANITIZER
// PortMidi 217 (Debian 12) leaks the strings it reads while looking for a default device in Java's
// preferences, in every Pm_Initialize (find_default_device). Not ours to fix: LeakSanitizer excuses that one
// function in sanitized builds that link this file, so a test that lists devices passes there.
extern "C" __attribute__((used)) const char* __lsan_default_suppressions() { return "leak:find_default_device\n"; }
#endif

namespace patchc::runtime {

namespace {

// PortMidi is one process-wide library: initialised by the first user (a listing, an open input or output),
// terminated by the last. Not on the audio thread, so a mutex is fine.
std::mutex gPortMidiMutex;
int gPortMidiUsers = 0;

}  // namespace

// Starts PortMidi for one user; an error message when it cannot start (PortMidiLibrary.h).
std::string acquirePortMidi() {
  std::lock_guard<std::mutex> lock(gPortMidiMutex);
  if (gPortMidiUsers == 0) {
    SilencedStderr quiet;  // ALSA prints its failure to open /dev/snd/seq when there is none
    const PmError error = Pm_Initialize();
    if (error != pmNoError) return std::string("PortMidi could not start: ") + Pm_GetErrorText(error);
  }
  ++gPortMidiUsers;
  return {};
}

void releasePortMidi() {
  std::lock_guard<std::mutex> lock(gPortMidiMutex);
  if (--gPortMidiUsers == 0) {
    SilencedStderr quiet;
    Pm_Terminate();
  }
}

namespace {

std::vector<MidiInputDevice> inputsOfPortMidi() {
  std::vector<MidiInputDevice> inputs;
  const int count = Pm_CountDevices();
  for (int id = 0; id < count; ++id) {
    const PmDeviceInfo* info = Pm_GetDeviceInfo(id);
    if (!info || !info->input) continue;
    inputs.push_back({id, info->name ? info->name : "?", info->interf ? info->interf : "?", false});
  }
  markDefaultMidiInput(inputs);
  return inputs;
}

// PortMidi's timestamps are unused (a message's frame is the block that takes it), but PortMidi needs a
// millisecond clock; this one avoids starting PortTime's timer thread.
PmTimestamp millisecondClock(void*) {
  using namespace std::chrono;
  return PmTimestamp(duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}

constexpr int32_t kPortMidiBufferEvents = 1024;  // PortMidi's own queue between ALSA and the reader thread
constexpr auto kPollInterval = std::chrono::milliseconds(1);

}  // namespace

// PortMidi's own Pm_GetDefaultInputDeviceID is not used: on Linux it only adds a lookup in Java's preferences
// to "the first input", which is ALSA's Midi Through port on most systems.
void markDefaultMidiInput(std::vector<MidiInputDevice>& inputs) {
  auto isThrough = [](const MidiInputDevice& d) { return d.name.rfind("Midi Through", 0) == 0; };
  auto chosen = std::find_if_not(inputs.begin(), inputs.end(), isThrough);
  if (chosen == inputs.end()) chosen = inputs.begin();
  for (MidiInputDevice& d : inputs) d.isDefault = false;
  if (chosen != inputs.end()) chosen->isDefault = true;
}

MidiInputList listMidiInputs() {
  MidiInputList list;
  list.error = acquirePortMidi();
  if (!list.error.empty()) return list;
  list.inputs = inputsOfPortMidi();
  releasePortMidi();
  return list;
}

std::string describeMidiInputs(const MidiInputList& list) {
  if (!list.error.empty()) return "MIDI inputs: none (" + list.error + ")\n";
  if (list.inputs.empty()) return "MIDI inputs: none\n";
  std::string text = "MIDI inputs:\n";
  for (const MidiInputDevice& d : list.inputs)
    text += "  " + std::to_string(d.id) + ": " + d.name + " (" + d.interface + ")" +
            (d.isDefault ? " [default]" : "") + "\n";
  return text;
}

std::unique_ptr<MidiInput> MidiInput::open(int deviceId, std::string& error, size_t capacity) {
  const std::string prefix = "cannot open MIDI input: ";
  error = acquirePortMidi();
  if (!error.empty()) {
    error = prefix + error;
    return nullptr;
  }
  // PortMidi stays started while the MidiInput lives (its destructor releases it); a failure here closes
  // what was opened and gives PortMidi back.
  std::vector<MidiInputDevice> opened;
  std::vector<PortMidiStream*> streams;
  auto failed = [&](const std::string& why) -> std::unique_ptr<MidiInput> {
    for (PortMidiStream* stream : streams) Pm_Close(stream);
    releasePortMidi();
    error = prefix + why;
    return nullptr;
  };
  const std::vector<MidiInputDevice> inputs = inputsOfPortMidi();
  if (inputs.empty())
    return failed("there is no MIDI input device (PortMidi found none; on Linux it uses ALSA's sequencer, "
                  "/dev/snd/seq)");
  std::vector<const MidiInputDevice*> chosen;
  for (const MidiInputDevice& d : inputs)
    if (deviceId == kAllDevices || (deviceId == kDefaultDevice ? d.isDefault : d.id == deviceId)) chosen.push_back(&d);
  if (chosen.empty())
    return failed("device " + std::to_string(deviceId) + " is not a MIDI input; the inputs are " + [&] {
      std::string ids;
      for (const MidiInputDevice& d : inputs) ids += (ids.empty() ? "" : ", ") + std::to_string(d.id);
      return ids;
    }() + " (see --list-devices)");

  for (const MidiInputDevice* device : chosen) {
    PortMidiStream* stream = nullptr;
    PmError status;
    {
      SilencedStderr quiet;
      status = Pm_OpenInput(&stream, device->id, nullptr, kPortMidiBufferEvents, millisecondClock, nullptr);
    }
    if (status != pmNoError) {
      std::string why = Pm_GetErrorText(status);
      if (status == pmHostError) {
        char host[256] = {};
        Pm_GetHostErrorText(host, sizeof host);
        why = host;
      }
      return failed("device " + std::to_string(device->id) + " '" + device->name + "': " + why);
    }
    streams.push_back(stream);
    opened.push_back(*device);
    // Channel voice messages only: sysex, clock, start/stop, active sensing, MTC and the like stay in PortMidi.
    Pm_SetFilter(stream, PM_FILT_REALTIME | PM_FILT_SYSTEMCOMMON);
    // Anything that arrived between opening and the filter is read and dropped here, as PortMidi advises.
    PmEvent discard[64];
    while (Pm_Poll(stream) == TRUE && Pm_Read(stream, discard, 64) > 0) {
    }
  }
  return std::unique_ptr<MidiInput>(new MidiInput(capacity, std::move(opened), std::move(streams)));
}

MidiInput::MidiInput(size_t capacity, std::vector<MidiInputDevice> devices, std::vector<PortMidiStream*> streams)
    : source_(capacity), devices_(std::move(devices)), streams_(std::move(streams)) {
  reader_ = std::thread([this] { readUntilStopped(); });
}

MidiInput::~MidiInput() {
  stop_.store(true, std::memory_order_relaxed);
  if (reader_.joinable()) reader_.join();
  for (PortMidiStream* stream : streams_) Pm_Close(stream);
  releasePortMidi();
}

// The producer side of the source's ring buffer (one thread, however many devices): everything PortMidi
// has, every millisecond. With several devices, each poll takes one device's messages after the other's.
void MidiInput::readUntilStopped() {
  PmEvent events[64];
  while (!stop_.load(std::memory_order_relaxed)) {
    for (PortMidiStream* stream : streams_) {
      int count;
      while ((count = Pm_Read(stream, events, 64)) > 0) {
        for (int i = 0; i < count; ++i) {
          const PmMessage m = events[i].message;
          source_.push(uint8_t(Pm_MessageStatus(m)), uint8_t(Pm_MessageData1(m)), uint8_t(Pm_MessageData2(m)));
        }
      }
      if (count == pmBufferOverflow) portMidiOverflows_.fetch_add(1, std::memory_order_relaxed);
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace patchc::runtime
