#pragma once
// Builds Standard MIDI Files in memory for the reader's tests: chunks, variable-length numbers and track
// events written byte by byte, so a test says exactly which bytes the file holds (running status, sysex,
// meta events, odd lengths) and can break them on purpose.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace patchc::test {

using Bytes = std::vector<uint8_t>;

// A variable-length quantity: 7 bits a byte, most significant first, the top bit set on all but the last.
inline Bytes variableLength(uint32_t value) {
  Bytes out{uint8_t(value & 0x7F)};
  while (value >>= 7) out.insert(out.begin(), uint8_t(0x80 | (value & 0x7F)));
  return out;
}

inline void append(Bytes& to, const Bytes& more) { to.insert(to.end(), more.begin(), more.end()); }

inline void appendBigEndian(Bytes& to, uint32_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) to.push_back(uint8_t(value >> (8 * i)));
}

// A chunk: its 4-character type, a 32-bit length (the body's own unless `claimedLength` says otherwise).
inline Bytes chunk(const std::string& type, const Bytes& body, int64_t claimedLength = -1) {
  Bytes out(type.begin(), type.end());
  appendBigEndian(out, claimedLength < 0 ? uint32_t(body.size()) : uint32_t(claimedLength), 4);
  append(out, body);
  return out;
}

// The events of one track, each after its delta-time.
class SmfTrack {
public:
  // Any bytes after a delta-time: a channel message with or without its status byte, or anything broken.
  SmfTrack& event(uint32_t delta, std::initializer_list<uint8_t> bytes) {
    append(data_, variableLength(delta));
    data_.insert(data_.end(), bytes.begin(), bytes.end());
    return *this;
  }
  SmfTrack& meta(uint32_t delta, uint8_t type, const Bytes& body) {
    append(data_, variableLength(delta));
    data_.push_back(0xFF);
    data_.push_back(type);
    append(data_, variableLength(uint32_t(body.size())));
    append(data_, body);
    return *this;
  }
  SmfTrack& tempo(uint32_t delta, uint32_t microsecondsPerQuarter) {
    Bytes body;
    appendBigEndian(body, microsecondsPerQuarter, 3);
    return meta(delta, 0x51, body);
  }
  SmfTrack& text(uint32_t delta, const std::string& text) { return meta(delta, 0x01, Bytes(text.begin(), text.end())); }
  // F0 or F7, a length, the bytes.
  SmfTrack& sysex(uint32_t delta, uint8_t kind, const Bytes& body) {
    append(data_, variableLength(delta));
    data_.push_back(kind);
    append(data_, variableLength(uint32_t(body.size())));
    append(data_, body);
    return *this;
  }
  SmfTrack& endOfTrack(uint32_t delta = 0) { return meta(delta, 0x2F, {}); }

  const Bytes& bytes() const { return data_; }

private:
  Bytes data_;
};

inline Bytes smfHeader(int format, int trackCount, uint16_t division) {
  Bytes body;
  appendBigEndian(body, uint32_t(format), 2);
  appendBigEndian(body, uint32_t(trackCount), 2);
  appendBigEndian(body, division, 2);
  return chunk("MThd", body);
}

// A whole file: the header (announcing as many tracks as given) and one MTrk chunk per track.
inline Bytes smfFile(int format, uint16_t division, const std::vector<SmfTrack>& tracks) {
  Bytes out = smfHeader(format, int(tracks.size()), division);
  for (const SmfTrack& track : tracks) append(out, chunk("MTrk", track.bytes()));
  return out;
}

// An SMPTE division: minus the frames per second in the high byte, the ticks per frame in the low one.
inline uint16_t smpteDivision(int framesPerSecond, int ticksPerFrame) {
  return uint16_t(uint8_t(int8_t(-framesPerSecond)) << 8 | uint8_t(ticksPerFrame));
}

}  // namespace patchc::test
