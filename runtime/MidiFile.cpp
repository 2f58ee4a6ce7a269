#include "runtime/MidiFile.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace patchc::runtime {

namespace {

constexpr uint32_t kDefaultTempo = 500'000;   // µs per quarter note (120 bpm) until the first tempo event
constexpr int64_t kMaxTick = int64_t{1} << 62;  // far beyond any real file; keeps tick sums from overflowing

std::string hexByte(uint8_t b) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%02X", b);
  return text;
}

// A chunk's 4-byte type as text, bytes outside printable ASCII as \xNN (a broken file's type can be anything).
std::string chunkType(const uint8_t* type) {
  std::string text;
  for (int i = 0; i < 4; ++i) {
    if (type[i] >= 0x20 && type[i] < 0x7F && type[i] != '\\') {
      text += char(type[i]);
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", type[i]);
      text += escaped;
    }
  }
  return text;
}

// A channel message or a tempo change as read, before the tempo map gives it a time.
struct TrackEvent {
  int64_t tick;
  size_t offset;  // of its status (or first data) byte, for errors about its time
  uint16_t track;
  uint8_t status, data1, data2;
};
struct TempoChange {
  int64_t tick;
  uint32_t microsecondsPerQuarter;
};

class Parser {
public:
  Parser(const uint8_t* data, size_t size, const MidiFileLimits& limits) : d_(data), size_(size), limits_(limits) {}

  bool parse(MidiFile& file);
  const std::string& error() const { return error_; }

private:
  bool fail(size_t offset, const std::string& what) {
    error_ = "byte " + std::to_string(offset) + ": " + what;
    return false;
  }
  uint32_t bigEndian(size_t at, int bytes) const {
    uint32_t value = 0;
    for (int i = 0; i < bytes; ++i) value = value << 8 | d_[at + i];
    return value;
  }
  bool readChunkHeader(size_t pos, uint32_t& length);
  bool readHeader(size_t bodyStart, uint32_t length, MidiFile& file, int& trackCount);
  bool readVariableLength(size_t& pos, size_t end, uint32_t& value);
  bool readTrack(uint16_t track, size_t begin, size_t end);
  bool assignTimes(MidiFile& file);

  const uint8_t* d_;
  size_t size_;
  const MidiFileLimits& limits_;
  std::string error_;
  std::vector<TrackEvent> events_;
  std::vector<TempoChange> tempos_;
  int64_t endTick_ = 0;
  size_t endOffset_ = 0;
};

// A chunk is a 4-byte type, a 4-byte big-endian length and that many bytes, all inside the file.
bool Parser::readChunkHeader(size_t pos, uint32_t& length) {
  if (size_ - pos < 8)
    return fail(size_, "the file ends inside a chunk header (" + std::to_string(size_ - pos) + " of its 8 bytes)");
  length = bigEndian(pos + 4, 4);
  const size_t left = size_ - (pos + 8);
  if (length > left)
    return fail(pos + 4, "the '" + chunkType(d_ + pos) + "' chunk claims " +
                             std::to_string(length) + " bytes but the file has " + std::to_string(left) + " left");
  return true;
}

bool Parser::readHeader(size_t body, uint32_t length, MidiFile& file, int& trackCount) {
  if (length < 6) return fail(body - 4, "the header chunk has " + std::to_string(length) + " bytes; it needs 6");
  const uint32_t format = bigEndian(body, 2);
  if (format == 2) return fail(body, "format 2 (independent sequences) is not supported; only formats 0 and 1 are");
  if (format > 2) return fail(body, "unknown format " + std::to_string(format) + "; only formats 0 and 1 are read");
  file.format = int(format);
  trackCount = int(bigEndian(body + 2, 2));
  const uint32_t division = bigEndian(body + 4, 2);
  if (division & 0x8000) {
    // SMPTE: the high byte is minus the frames per second, the low byte the ticks per frame.
    const int framesPerSecond = -int(int8_t(division >> 8));
    if (framesPerSecond != 24 && framesPerSecond != 25 && framesPerSecond != 29 && framesPerSecond != 30)
      return fail(body + 4, "SMPTE division with " + std::to_string(framesPerSecond) +
                                " frames per second; the SMPTE formats are 24, 25, 29 and 30");
    const int ticksPerFrame = int(division & 0xFF);
    if (ticksPerFrame == 0) return fail(body + 5, "SMPTE division with 0 ticks per frame");
    file.smpteFormat = framesPerSecond;
    file.ticksPerSmpteFrame = ticksPerFrame;
    // 29 is 30 drop-frame: 30000/1001 frames per second on average, so a tick lasts 1001 / (30000 * tpf) s.
    file.timeDenominator = int64_t(framesPerSecond == 29 ? 30000 : framesPerSecond) * ticksPerFrame;
  } else {
    if (division == 0) return fail(body + 4, "division of 0 ticks per quarter note");
    file.ticksPerQuarter = int(division);
    file.timeDenominator = int64_t(division) * 1'000'000;
  }
  return true;
}

// A variable-length quantity: 7 bits a byte, most significant first, the last byte's top bit clear; at most
// 4 bytes (28 bits), all before `end`.
bool Parser::readVariableLength(size_t& pos, size_t end, uint32_t& value) {
  const size_t start = pos;
  value = 0;
  for (int i = 0; i < 4; ++i) {
    if (pos >= end) return fail(pos, "the track chunk ends inside a variable-length number");
    const uint8_t b = d_[pos++];
    value = value << 7 | (b & 0x7F);
    if (!(b & 0x80)) return true;
  }
  return fail(start, "a variable-length number longer than 4 bytes");
}

bool Parser::readTrack(uint16_t track, size_t begin, size_t end) {
  int64_t tick = 0;
  uint8_t running = 0;  // running status: the last channel status byte, 0 before any
  size_t pos = begin;
  while (pos < end) {
    uint32_t delta;
    if (!readVariableLength(pos, end, delta)) return false;
    tick += delta;
    if (tick > kMaxTick) return fail(pos, "the track's time passes 2^62 ticks");
    if (pos >= end) return fail(pos, "the track chunk ends after a delta-time, before its event");
    const size_t eventStart = pos;
    const uint8_t first = d_[pos];
    if (first == 0xFF) {  // meta event: FF type length data
      if (end - pos < 2) return fail(end, "the track chunk ends inside a meta event");
      const uint8_t type = d_[pos + 1];
      pos += 2;
      uint32_t length;
      if (!readVariableLength(pos, end, length)) return false;
      if (length > end - pos)
        return fail(eventStart, "meta event " + hexByte(type) + " claims " + std::to_string(length) +
                                    " bytes but the track chunk has " + std::to_string(end - pos) + " left");
      if (type == 0x51) {
        if (length < 3) return fail(eventStart, "tempo event with " + std::to_string(length) + " bytes; it needs 3");
        const uint32_t tempo = bigEndian(pos, 3);
        if (tempo == 0) return fail(eventStart, "tempo of 0 microseconds per quarter note");
        tempos_.push_back({tick, tempo});
      }
      pos += length;
      if (type == 0x2F) break;  // end of track: anything after it in the chunk is not part of the track
    } else if (first == 0xF0 || first == 0xF7) {  // sysex or escaped bytes: F0/F7 length data
      ++pos;
      uint32_t length;
      if (!readVariableLength(pos, end, length)) return false;
      if (length > end - pos)
        return fail(eventStart, "sysex event claims " + std::to_string(length) + " bytes but the track chunk has " +
                                    std::to_string(end - pos) + " left");
      pos += length;
    } else if (first > 0xF0) {
      return fail(pos, "status byte " + hexByte(first) + " is a system message, which a MIDI file track cannot hold");
    } else {  // channel voice message, with its status byte or under running status
      uint8_t status = running;
      if (first & 0x80) {
        status = running = first;
        ++pos;
      } else if (running == 0) {
        return fail(pos, "data byte " + hexByte(first) + " with no status byte before it (no running status)");
      }
      uint8_t data[2] = {0, 0};
      for (int i = 0; i < midiDataBytes(status); ++i) {
        if (pos >= end) return fail(pos, "the track chunk ends inside a channel message");
        if (d_[pos] & 0x80)
          return fail(pos, "expected a data byte of status " + hexByte(status) + ", found " + hexByte(d_[pos]));
        data[i] = d_[pos++];
      }
      if (events_.size() >= limits_.channelEvents)
        return fail(eventStart,
                    "more than " + std::to_string(limits_.channelEvents) + " channel events (the reader's limit)");
      events_.push_back({tick, eventStart, track, status, data[0], data[1]});
    }
  }
  if (tick >= endTick_) {
    endTick_ = tick;
    endOffset_ = pos;
  }
  return true;
}

// Times from ticks. Metrical files: the tempo map is a list of (tick, µs per quarter note), common to all
// tracks; a time is the sum over the tempo segments before it of ticks * tempo, over ticksPerQuarter * 10^6
// seconds. Kept as an exact integer numerator (checked against int64) so frames are exact.
bool Parser::assignTimes(MidiFile& file) {
  auto byTick = [](const auto& a, const auto& b) { return a.tick < b.tick; };
  std::stable_sort(events_.begin(), events_.end(), byTick);
  std::stable_sort(tempos_.begin(), tempos_.end(), byTick);
  const bool metrical = file.ticksPerQuarter > 0;
  size_t nextTempo = 0;
  int64_t segmentTick = 0;
  __int128 segmentNumerator = 0;
  uint32_t tempo = kDefaultTempo;
  // Ticks are visited in non-decreasing order: the tempo cursor only moves forward.
  auto numeratorAt = [&](int64_t tick) -> __int128 {
    if (!metrical) return __int128(tick) * (file.smpteFormat == 29 ? 1001 : 1);
    while (nextTempo < tempos_.size() && tempos_[nextTempo].tick <= tick) {
      segmentNumerator += __int128(tempos_[nextTempo].tick - segmentTick) * tempo;
      segmentTick = tempos_[nextTempo].tick;
      tempo = tempos_[nextTempo].microsecondsPerQuarter;
      ++nextTempo;
    }
    return segmentNumerator + __int128(tick - segmentTick) * tempo;
  };
  const double denominator = double(file.timeDenominator);
  auto tooLate = [&](size_t offset) {
    return fail(offset, "the event's time is beyond " + std::to_string(INT64_MAX / file.timeDenominator) + " seconds");
  };
  file.events.reserve(events_.size());
  for (const TrackEvent& e : events_) {
    const __int128 numerator = numeratorAt(e.tick);
    if (numerator > INT64_MAX) return tooLate(e.offset);
    const int64_t exact = int64_t(numerator);
    file.events.push_back({exact, double(exact) / denominator, e.track, e.status, e.data1, e.data2});
  }
  const __int128 end = numeratorAt(endTick_);
  if (end > INT64_MAX) return tooLate(endOffset_);
  file.endNumerator = int64_t(end);
  file.endSeconds = double(file.endNumerator) / denominator;
  return true;
}

bool Parser::parse(MidiFile& file) {
  if (size_ > limits_.fileBytes)
    return fail(0, "the file has " + std::to_string(size_) + " bytes, more than the reader's limit of " +
                       std::to_string(limits_.fileBytes));
  if (size_ < 4 || std::memcmp(d_, "MThd", 4) != 0) {
    if (std::memcmp(d_, "MThd", std::min<size_t>(size_, 4)) == 0) return fail(size_, "the file ends inside its header");
    return fail(0, "not a Standard MIDI File: it does not start with 'MThd'");
  }
  uint32_t length;
  if (!readChunkHeader(0, length)) return false;
  int announcedTracks = 0;
  if (!readHeader(8, length, file, announcedTracks)) return false;
  size_t pos = 8 + size_t(length);
  // The header's count of MTrk chunks is read; chunks of other types between them are skipped, and whatever
  // follows the last track is ignored (some writers leave padding there).
  int tracks = 0;
  while (tracks < announcedTracks) {
    if (pos == size_)
      return fail(pos, "the file ends after " + std::to_string(tracks) + " of the " + std::to_string(announcedTracks) +
                           " tracks its header announces");
    if (!readChunkHeader(pos, length)) return false;
    const size_t body = pos + 8;
    if (std::memcmp(d_ + pos, "MTrk", 4) == 0) {
      if (!readTrack(uint16_t(tracks), body, body + length)) return false;
      ++tracks;
    }
    pos = body + length;
  }
  file.trackCount = tracks;
  return assignTimes(file);
}

}  // namespace

MidiFileResult parseMidiFile(const uint8_t* data, size_t size, const MidiFileLimits& limits) {
  MidiFileResult result;
  static const uint8_t kEmpty = 0;
  Parser parser(data ? data : &kEmpty, data ? size : 0, limits);
  if (!parser.parse(result.file)) {
    result.error = parser.error();
    result.file = MidiFile{};
  }
  return result;
}

MidiFileResult readMidiFile(const std::string& path, const MidiFileLimits& limits) {
  MidiFileResult result;
  const std::string prefix = "cannot read MIDI file '" + path + "': ";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    result.error = prefix + std::strerror(errno);
    return result;
  }
  struct stat info {};
  std::vector<uint8_t> bytes;
  std::string problem;
  if (::fstat(fd, &info) != 0) {
    problem = std::strerror(errno);
  } else if (S_ISDIR(info.st_mode)) {
    problem = "it is a directory";
  } else if (S_ISREG(info.st_mode) && uint64_t(info.st_size) > limits.fileBytes) {
    // Refused before reading: the size is known, nothing is allocated for it.
    problem = "the file has " + std::to_string(info.st_size) + " bytes, more than the reader's limit of " +
              std::to_string(limits.fileBytes);
  } else {
    // Read in pieces up to the limit (a pipe has no size to check in advance).
    uint8_t chunk[65536];
    for (;;) {
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        problem = std::strerror(errno);
        break;
      }
      if (n == 0) break;
      if (bytes.size() + size_t(n) > limits.fileBytes) {
        problem = "the file has more than the reader's limit of " + std::to_string(limits.fileBytes) + " bytes";
        break;
      }
      bytes.insert(bytes.end(), chunk, chunk + n);
    }
  }
  ::close(fd);
  if (!problem.empty()) {
    result.error = prefix + problem;
    return result;
  }
  result = parseMidiFile(bytes.data(), bytes.size(), limits);
  if (!result.ok()) result.error = prefix + result.error;
  return result;
}

int64_t midiTimeToFrame(int64_t timeNumerator, int64_t timeDenominator, double sampleRate) {
  if (timeNumerator >= 0 && timeDenominator > 0 && sampleRate > 0 && sampleRate <= 4294967296.0 &&
      sampleRate == std::floor(sampleRate)) {
    // round(n * sr / d) with halves up = floor((2 * n * sr + d) / (2 * d)), exact in 128 bits.
    using Uint128 = unsigned __int128;
    const Uint128 twice = Uint128(timeNumerator) * uint64_t(sampleRate) * 2;
    const Uint128 frame = (twice + uint64_t(timeDenominator)) / (Uint128(timeDenominator) * 2);
    return frame > Uint128(INT64_MAX) ? INT64_MAX : int64_t(frame);
  }
  const long double frame = std::floor((long double)timeNumerator * sampleRate / timeDenominator + 0.5L);
  if (!(frame < 9.2e18L)) return frame > 0 ? INT64_MAX : 0;
  return int64_t(frame);
}

std::vector<MidiEvent> midiFileEventsAtFrames(const MidiFile& file, double sampleRate) {
  std::vector<MidiEvent> out;
  out.reserve(file.events.size());
  for (const MidiFileEvent& e : file.events)
    out.push_back({midiTimeToFrame(e.timeNumerator, file.timeDenominator, sampleRate), e.status, e.data1, e.data2});
  return out;
}

}  // namespace patchc::runtime
