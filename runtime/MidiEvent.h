#pragma once
// One MIDI channel voice message (note off/on, poly pressure, control change, program change, channel
// pressure, pitch bend) and the audio frame it belongs to: what a MIDI file or a live device hands the audio
// thread. System messages (sysex, clock, active sensing...) never become MidiEvents. A note-on with velocity
// 0 is kept as written; its consumer treats it as a note-off, as pyo's Notein does.

#include <cstdint>

namespace patchc::runtime {

struct MidiEvent {
  int64_t frame;   // frames since the patch started
  uint8_t status;  // 0x80..0xEF: the message kind in the high nibble, the channel (0-15) in the low one
  uint8_t data1;   // 0..127
  uint8_t data2;   // 0..127; 0 for the one-data-byte messages (program change, channel pressure)

  uint8_t kind() const { return status & 0xF0; }
  int channel() const { return status & 0x0F; }  // 0-based; pyo counts channels from 1
  bool isNoteOn() const { return kind() == 0x90 && data2 > 0; }
  bool isNoteOff() const { return kind() == 0x80 || (kind() == 0x90 && data2 == 0); }
  // Pitch bend as 0..16383, 8192 the centre (data1 is the low 7 bits).
  int pitchBend() const { return data1 | (data2 << 7); }

  friend bool operator==(const MidiEvent& a, const MidiEvent& b) {
    return a.frame == b.frame && a.status == b.status && a.data1 == b.data1 && a.data2 == b.data2;
  }
};

// Data bytes that follow a channel voice status byte: 1 for program change (0xC0) and channel pressure
// (0xD0), 2 for the others; 0 for a byte that is not a channel voice status (data bytes, system messages).
inline int midiDataBytes(uint8_t status) {
  if (status < 0x80 || status >= 0xF0) return 0;
  const uint8_t kind = status & 0xF0;
  return kind == 0xC0 || kind == 0xD0 ? 1 : 2;
}

}  // namespace patchc::runtime
