#include "elab/SoundFile.h"

#include "stdlib/CheckedSize.h"

#include <fcntl.h>
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace patchc::elab {
namespace {

// What a file that is not a regular file is, for the message.
const char* kindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO (named pipe), not a regular file";
  if (S_ISCHR(mode)) return "is a character device, not a regular file";
  if (S_ISBLK(mode)) return "is a block device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

// Frames read per sf_readf_float call: the interleaved chunk stays small whatever the file's length.
constexpr sf_count_t kChunkFrames = 1 << 14;

// Opens `path` (as given, else relative to the directory of the patch `patchPath`) and reads its header, or
// says in `error` why not.
SNDFILE* openSound(const std::string& path, const std::string& patchPath, SF_INFO& info, std::string& error) {
  std::filesystem::path file(path);
  std::error_code ignored;
  if (file.is_relative() && !std::filesystem::exists(file, ignored)) {
    auto beside = std::filesystem::path(patchPath).parent_path() / file;
    if (std::filesystem::exists(beside, ignored)) file = beside;
  }
  // Opened without blocking and checked on the descriptor itself: a FIFO would block sf_open forever, /dev/zero
  // would be read until memory runs out, and a check on the name could be raced by a rename.
  int descriptor = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (descriptor < 0) {
    error = "cannot read the sound file '" + path + "': " + std::strerror(errno);
    return nullptr;
  }
  struct stat status {};
  if (::fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) {
    error = "the sound file '" + path + "' " + kindOf(status.st_mode);
    ::close(descriptor);
    return nullptr;
  }
  info = SF_INFO{};
  SNDFILE* handle = sf_open_fd(descriptor, SFM_READ, &info, SF_TRUE);
  if (!handle) error = "cannot read the sound file '" + path + "': " + sf_strerror(nullptr);
  return handle;
}

}  // namespace

SoundFile readSoundFile(const std::string& path, const std::string& patchPath, uint64_t maxBytes) {
  SoundFile sound;
  SF_INFO info{};
  SNDFILE* handle = openSound(path, patchPath, info, sound.error);
  if (!handle) return sound;
  // The size from the header, before any sample is read: the samples count against the state-bytes limit.
  const uint64_t bytes = saturatingMul(saturatingMul(static_cast<uint64_t>(std::max<sf_count_t>(info.frames, 0)),
                                                     static_cast<uint64_t>(std::max(info.channels, 0))),
                                       sizeof(float));
  if (bytes > maxBytes) {
    sf_close(handle);
    sound.tooBig = bytes;
    sound.error = "the sound file '" + path + "' holds " + std::to_string(info.frames) + " frames × " +
                  std::to_string(info.channels) + " channels";
    return sound;
  }
  // Kernels see an array's length as an int (Kernel.h's In::count), whatever state-bytes allows.
  if (info.frames > INT32_MAX) {
    sf_close(handle);
    sound.error = "the sound file '" + path + "' holds " + std::to_string(info.frames) +
                  " frames, more than patchc can play (2147483647 per channel)";
    return sound;
  }
  if (info.channels < 1) {
    sf_close(handle);
    sound.error = "the sound file '" + path + "' has no channels";
    return sound;
  }
  const size_t channels = static_cast<size_t>(info.channels);
  sound.sampleRate = info.samplerate;
  sound.channels.assign(channels, {});
  for (auto& channel : sound.channels) channel.reserve(static_cast<size_t>(info.frames));
  std::vector<float> chunk(static_cast<size_t>(kChunkFrames) * channels);
  for (sf_count_t done = 0; done < info.frames;) {
    sf_count_t read = sf_readf_float(handle, chunk.data(), std::min(kChunkFrames, info.frames - done));
    if (read <= 0) break;
    for (sf_count_t i = 0; i < read; ++i)
      for (size_t c = 0; c < channels; ++c)
        sound.channels[c].push_back(chunk[static_cast<size_t>(i) * channels + c]);
    done += read;
  }
  sf_close(handle);
  if (sound.channels[0].empty()) sound.error = "the sound file '" + path + "' has no samples";
  return sound;
}

SoundFileInfo soundFileInfo(const std::string& path, const std::string& patchPath) {
  SoundFileInfo result;
  SF_INFO info{};
  SNDFILE* handle = openSound(path, patchPath, info, result.error);
  if (!handle) return result;
  sf_close(handle);
  result.frames = info.frames;
  result.sampleRate = info.samplerate;
  result.channels = info.channels;
  // pyo's names (pyomodule.c's p_sndinfo).
  switch (info.format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV: result.format = "WAVE"; break;
    case SF_FORMAT_AIFF: result.format = "AIFF"; break;
    case SF_FORMAT_AU: result.format = "AU"; break;
    case SF_FORMAT_RAW: result.format = "RAW"; break;
    case SF_FORMAT_SD2: result.format = "SD2"; break;
    case SF_FORMAT_FLAC: result.format = "FLAC"; break;
    case SF_FORMAT_CAF: result.format = "CAF"; break;
    case SF_FORMAT_OGG: result.format = "OGG"; break;
    case SF_FORMAT_RF64: result.format = "RF64"; break;
    default: result.format = "????";
  }
  switch (info.format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8: result.sampleType = "s8 bit int"; break;
    case SF_FORMAT_PCM_U8: result.sampleType = "u8 bit int"; break;
    case SF_FORMAT_PCM_16: result.sampleType = "16 bit int"; break;
    case SF_FORMAT_PCM_24: result.sampleType = "24 bit int"; break;
    case SF_FORMAT_PCM_32: result.sampleType = "32 bit int"; break;
    case SF_FORMAT_FLOAT: result.sampleType = "32 bit float"; break;
    case SF_FORMAT_DOUBLE: result.sampleType = "64 bit float"; break;
    case SF_FORMAT_ULAW: result.sampleType = "U-Law encoded"; break;
    case SF_FORMAT_ALAW: result.sampleType = "A-Law encoded"; break;
    case SF_FORMAT_VORBIS: result.sampleType = "vorbis encoding"; break;
    default: result.sampleType = "Unknown...";
  }
  return result;
}

std::string soundsPath() {
  if (const char* fromEnvironment = std::getenv("PATCHC_SNDS_PATH")) return fromEnvironment;
  return PATCHC_DEFAULT_SNDS_PATH;
}

}  // namespace patchc::elab
