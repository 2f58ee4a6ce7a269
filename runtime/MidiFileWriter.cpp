#include "runtime/MidiFileWriter.h"

#include "runtime/TemporaryFile.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace patchc::runtime {

namespace {

void bigEndian(std::vector<uint8_t>& out, uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(uint8_t(value >> (8 * i)));
}

// SMF's variable-length quantity: 7 bits a byte, most significant first, the high bit on all but the last.
void variableLength(std::vector<uint8_t>& out, uint64_t value) {
  uint8_t bytes[10];
  int n = 0;
  do {
    bytes[n++] = uint8_t(value & 0x7F);
    value >>= 7;
  } while (value != 0);
  while (n > 0) {
    --n;
    out.push_back(uint8_t(bytes[n] | (n > 0 ? 0x80 : 0)));
  }
}

constexpr int kMaxDivision = 0x7FFF;        // 15 bits: a metrical division
constexpr int kMaxTempo = 0xFFFFFF;         // 24 bits: microseconds per quarter note
constexpr int kPreferredTempo = 500000;     // 120 bpm
// A delta time is at most 4 bytes (0x0FFFFFFF ticks: 100 minutes at 44100 Hz); a longer gap is refused.
constexpr uint64_t kMaxDelta = 0x0FFFFFFF;

}  // namespace

std::optional<FrameTicks> frameTicks(double sampleRate, std::string& error) {
  if (!(sampleRate >= 1.0 && sampleRate <= 1e7) || sampleRate != std::floor(sampleRate)) {
    error = "a MIDI file's ticks can be exact frames only at a whole number of Hz, not " + std::to_string(sampleRate);
    return std::nullopt;
  }
  const int64_t rate = int64_t(sampleRate);
  const int64_t g = std::gcd(rate, int64_t(1000000));
  const int64_t ticks = rate / g, tempo = 1000000 / g;  // tempo / ticks = 10^6 / rate, in lowest terms
  if (ticks > kMaxDivision || tempo > kMaxTempo) {
    error = "no MIDI tempo makes a tick exactly one frame at " + std::to_string(rate) +
            " Hz (it needs " + std::to_string(ticks) + " ticks per quarter note, more than 32767)";
    return std::nullopt;
  }
  int64_t k = std::min(kMaxDivision / ticks, std::max<int64_t>(kPreferredTempo / tempo, 1));
  k = std::max<int64_t>(k, 1);
  return FrameTicks{int(ticks * k), int(tempo * k)};
}

std::vector<uint8_t> encodeMidiFile(std::vector<MidiEvent> events, double sampleRate, int64_t endFrame,
                                    std::string& error) {
  std::optional<FrameTicks> ticks = frameTicks(sampleRate, error);
  if (!ticks) return {};
  std::stable_sort(events.begin(), events.end(), [](const MidiEvent& a, const MidiEvent& b) { return a.frame < b.frame; });
  std::vector<uint8_t> track;
  // The tempo at tick 0: FF 51 03 tt tt tt.
  track.insert(track.end(), {0x00, 0xFF, 0x51, 0x03});
  bigEndian(track, uint64_t(ticks->microsecondsPerQuarter), 3);
  int64_t now = 0;
  for (const MidiEvent& e : events) {
    if (e.frame < 0) {
      error = "a MIDI message at frame " + std::to_string(e.frame) + ", before the start";
      return {};
    }
    if (uint64_t(e.frame - now) > kMaxDelta) {
      error = "two MIDI messages more than 2^28 frames apart (a MIDI file's longest delta time)";
      return {};
    }
    variableLength(track, uint64_t(e.frame - now));
    now = e.frame;
    const int data = midiDataBytes(e.status);
    track.push_back(e.status);  // written in full each time: no running status, for the simplest readers
    track.push_back(uint8_t(e.data1 & 0x7F));
    if (data == 2) track.push_back(uint8_t(e.data2 & 0x7F));
  }
  const int64_t end = std::max(endFrame, now);
  if (uint64_t(end - now) > kMaxDelta) {
    error = "the end is more than 2^28 frames after the last MIDI message";
    return {};
  }
  variableLength(track, uint64_t(end - now));
  track.insert(track.end(), {0xFF, 0x2F, 0x00});

  std::vector<uint8_t> file = {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1};  // format 0, one track
  bigEndian(file, uint64_t(ticks->ticksPerQuarter), 2);
  file.insert(file.end(), {'M', 'T', 'r', 'k'});
  bigEndian(file, track.size(), 4);
  file.insert(file.end(), track.begin(), track.end());
  return file;
}

std::string writeMidiFile(const std::string& path, const std::vector<MidiEvent>& events, double sampleRate,
                          int64_t endFrame) {
  const std::string prefix = "cannot write MIDI file '" + path + "': ";
  std::string error;
  std::vector<uint8_t> bytes = encodeMidiFile(events, sampleRate, endFrame, error);
  if (bytes.empty()) return prefix + error;
  if (std::string why = writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()),
                                                                    bytes.size()));
      !why.empty())
    return prefix + why;
  return {};
}

}  // namespace patchc::runtime
