#include "runtime/MidiOutput.h"

#include "runtime/PortMidiLibrary.h"
#include "runtime/SilencedStderr.h"

#include <algorithm>
#include <chrono>
#include <portmidi.h>

namespace patchc::runtime {

MidiOutQueue* midiOutQueue(PatchInstance& instance) {
  const PatchABI& abi = instance.abi();
  if (abi.midiOut == PatchABI::kNoMidiOut) return nullptr;
  return reinterpret_cast<MidiOutQueue*>(static_cast<char*>(instance.state()) + abi.midiOut);
}

size_t takeMidiOut(PatchInstance& instance, std::vector<MidiEvent>& out) {
  MidiOutQueue* queue = midiOutQueue(instance);
  if (!queue) return 0;
  const size_t before = out.size();
  queue->drain([&](const MidiBlockEvent& e) { out.push_back({e.frame, e.status, e.data1, e.data2}); });
  return out.size() - before;
}

uint32_t takeMidiOutDropped(PatchInstance& instance) {
  MidiOutQueue* queue = midiOutQueue(instance);
  return queue ? queue->dropped.exchange(0, std::memory_order_relaxed) : 0;
}

namespace {

std::vector<MidiOutputDevice> outputsOfPortMidi() {
  std::vector<MidiOutputDevice> outputs;
  const int count = Pm_CountDevices();
  for (int id = 0; id < count; ++id) {
    const PmDeviceInfo* info = Pm_GetDeviceInfo(id);
    if (!info || !info->output) continue;
    outputs.push_back({id, info->name ? info->name : "?", info->interf ? info->interf : "?"});
  }
  return outputs;
}

// The default output: the first that is not ALSA's "Midi Through" port (it only echoes), else the first.
int defaultOutput(const std::vector<MidiOutputDevice>& outputs) {
  for (const auto& d : outputs)
    if (d.name.rfind("Midi Through", 0) != 0) return d.id;
  return outputs.empty() ? -1 : outputs.front().id;
}

constexpr auto kPollInterval = std::chrono::milliseconds(1);

// PortMidi wants a millisecond clock for an output (without one it reads PortTime's, which must be started);
// with latency 0 it sends at once and the timestamps are unused.
PmTimestamp millisecondClock(void*) {
  using namespace std::chrono;
  return PmTimestamp(duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}

}  // namespace

std::string describeMidiOutputs() {
  std::string error = acquirePortMidi();
  if (!error.empty()) return "MIDI outputs: none (" + error + ")\n";
  const std::vector<MidiOutputDevice> outputs = outputsOfPortMidi();
  const int chosen = defaultOutput(outputs);
  releasePortMidi();
  if (outputs.empty()) return "MIDI outputs: none\n";
  std::string text = "MIDI outputs:\n";
  for (const auto& d : outputs)
    text += "  " + std::to_string(d.id) + ": " + d.name + " (" + d.interface + ")" + (d.id == chosen ? " [default]" : "") + "\n";
  return text;
}

std::unique_ptr<MidiOutput> MidiOutput::open(PatchInstance& instance, int deviceId, std::string& error) {
  const std::string prefix = "cannot open MIDI output: ";
  if (!midiOutQueue(instance)) {
    error = prefix + "the patch sends no MIDI";
    return nullptr;
  }
  error = acquirePortMidi();
  if (!error.empty()) {
    error = prefix + error;
    return nullptr;
  }
  std::vector<MidiOutputDevice> opened;
  std::vector<PortMidiStream*> streams;
  auto failed = [&](const std::string& why) -> std::unique_ptr<MidiOutput> {
    for (PortMidiStream* stream : streams) Pm_Close(stream);
    releasePortMidi();
    error = prefix + why;
    return nullptr;
  };
  const std::vector<MidiOutputDevice> outputs = outputsOfPortMidi();
  if (outputs.empty())
    return failed("there is no MIDI output device (PortMidi found none; on Linux it uses ALSA's sequencer, "
                  "/dev/snd/seq)");
  const bool all = deviceId == kAllDevices || (deviceId == 99 && std::none_of(outputs.begin(), outputs.end(),
                                                                             [](const auto& d) { return d.id == 99; }));
  const int wanted = deviceId == kDefaultDevice ? defaultOutput(outputs) : deviceId;
  std::vector<const MidiOutputDevice*> chosen;
  for (const auto& d : outputs)
    if (all || d.id == wanted) chosen.push_back(&d);
  if (chosen.empty())
    return failed("device " + std::to_string(deviceId) + " is not a MIDI output; the outputs are " + [&] {
      std::string ids;
      for (const auto& d : outputs) ids += (ids.empty() ? "" : ", ") + std::to_string(d.id);
      return ids;
    }() + " (see --list-devices)");
  for (const MidiOutputDevice* device : chosen) {
    PortMidiStream* stream = nullptr;
    PmError status;
    {
      SilencedStderr quiet;
      // Latency 0: PortMidi sends at once, ignoring timestamps; the sender thread times the messages itself.
      status = Pm_OpenOutput(&stream, device->id, nullptr, 0, millisecondClock, nullptr, 0);
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
  }
  return std::unique_ptr<MidiOutput>(new MidiOutput(instance, std::move(opened), std::move(streams)));
}

MidiOutput::MidiOutput(PatchInstance& instance, std::vector<MidiOutputDevice> devices,
                       std::vector<PortMidiStream*> streams)
    : instance_(instance), devices_(std::move(devices)), streams_(std::move(streams)) {
  pending_.reserve(kPendingCapacity);
  taken_.reserve(MidiOutQueue::kCapacity);
  sender_ = std::thread([this] { sendUntilStopped(); });
}

void MidiOutput::stop() {
  stop_.store(true, std::memory_order_relaxed);
  if (sender_.joinable()) sender_.join();
}

MidiOutput::~MidiOutput() {
  stop();
  for (PortMidiStream* stream : streams_) Pm_Close(stream);
  releasePortMidi();
}

void MidiOutput::sendDue(int64_t upToFrame) {
  taken_.clear();
  takeMidiOut(instance_, taken_);
  dropped_.fetch_add(takeMidiOutDropped(instance_), std::memory_order_relaxed);
  for (const MidiEvent& e : taken_) {
    if (pending_.size() == kPendingCapacity) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    // After every message of the same or an earlier frame: equal frames keep the order they were sent in.
    auto at = std::upper_bound(pending_.begin(), pending_.end(), e.frame,
                               [](int64_t frame, const MidiEvent& p) { return frame < p.frame; });
    pending_.insert(at, e);
  }
  size_t due = 0;
  while (due < pending_.size() && pending_[due].frame < upToFrame) ++due;
  for (size_t i = 0; i < due; ++i) {
    const MidiEvent& e = pending_[i];
    const PmMessage message = Pm_Message(e.status, e.data1, midiDataBytes(e.status) == 2 ? e.data2 : 0);
    for (PortMidiStream* stream : streams_) Pm_WriteShort(stream, 0, message);
  }
  pending_.erase(pending_.begin(), pending_.begin() + ptrdiff_t(due));
  sent_.fetch_add(due, std::memory_order_relaxed);
}

void MidiOutput::sendUntilStopped() {
  while (!stop_.load(std::memory_order_relaxed)) {
    sendDue(instance_.framesRendered());
    std::this_thread::sleep_for(kPollInterval);
  }
  // The patch stopped: what it sent up to its last rendered frame goes out; note-offs still waiting go too,
  // so that no note is left sounding on the synthesizer.
  sendDue(instance_.framesRendered());
  std::vector<MidiEvent> closing;
  for (const MidiEvent& e : pending_)
    if (e.isNoteOff()) closing.push_back(e);
  for (const MidiEvent& e : closing)
    for (PortMidiStream* stream : streams_) Pm_WriteShort(stream, 0, Pm_Message(e.status, e.data1, e.data2));
}

}  // namespace patchc::runtime
