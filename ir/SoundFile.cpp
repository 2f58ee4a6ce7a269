#include "ir/SoundFile.h"

#include <sndfile.h>

#include <cstdlib>
#include <filesystem>

namespace patchc::elab {

SoundFile readSoundFile(const std::string& path, const std::string& patchPath) {
  SoundFile sound;
  std::filesystem::path file(path);
  if (file.is_relative() && !std::filesystem::exists(file)) {
    auto beside = std::filesystem::path(patchPath).parent_path() / file;
    if (std::filesystem::exists(beside)) file = beside;
  }
  SF_INFO info{};
  SNDFILE* handle = sf_open(file.c_str(), SFM_READ, &info);
  if (!handle) {
    sound.error = "cannot read the sound file '" + path + "': " + sf_strerror(nullptr);
    return sound;
  }
  constexpr sf_count_t kMaxFrames = sf_count_t{1} << 26;  // 25 minutes at 44.1 kHz: a patch, not an archive
  if (info.frames > kMaxFrames || info.channels < 1) {
    sf_close(handle);
    sound.error = "the sound file '" + path + "' is too long to compile into a patch";
    return sound;
  }
  std::vector<float> interleaved(static_cast<size_t>(info.frames) * static_cast<size_t>(info.channels));
  sf_count_t read = sf_readf_float(handle, interleaved.data(), info.frames);
  sf_close(handle);
  sound.sampleRate = info.samplerate;
  sound.channels.assign(static_cast<size_t>(info.channels), std::vector<float>(static_cast<size_t>(read)));
  for (sf_count_t i = 0; i < read; ++i)
    for (int c = 0; c < info.channels; ++c)
      sound.channels[static_cast<size_t>(c)][static_cast<size_t>(i)] =
          interleaved[static_cast<size_t>(i) * static_cast<size_t>(info.channels) + static_cast<size_t>(c)];
  if (read == 0) sound.error = "the sound file '" + path + "' has no samples";
  return sound;
}

std::string soundsPath() {
  if (const char* fromEnvironment = std::getenv("PATCHC_SNDS_PATH")) return fromEnvironment;
  return PATCHC_DEFAULT_SNDS_PATH;
}

}  // namespace patchc::elab
