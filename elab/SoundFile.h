// Sound files read while compiling (SfPlayer's path): the samples become constant arrays of the patch, so the
// audio thread never does I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace patchc::elab {

struct SoundFile {
  std::vector<std::vector<float>> channels;
  double sampleRate = 0;
  std::string error;  // one line for the user; empty on success
  uint64_t tooBig = 0;  // with an error: the bytes the samples would take, when more than allowed
};

// Reads `path`: as given, else relative to the directory of the patch `patchPath`. Only a regular file is
// read (a FIFO, a device or a directory is an error, never a wait); one whose samples (frames × channels ×
// 4 bytes, from its header) pass `maxBytes` is refused before any sample is read.
SoundFile readSoundFile(const std::string& path, const std::string& patchPath, uint64_t maxBytes);

// A sound file's header, as pyo's sndinfo() reports it.
struct SoundFileInfo {
  int64_t frames = 0;
  double sampleRate = 0;
  int channels = 0;
  std::string format;      // "WAVE", "AIFF", ... (pyo's names)
  std::string sampleType;  // "16 bit int", "32 bit float", ...
  std::string error;       // one line for the user; empty on success
};

// Reads the header of `path`, found as readSoundFile finds it; no sample is read.
SoundFileInfo soundFileInfo(const std::string& path, const std::string& patchPath);

// Where patchc keeps the sounds a patch can name through SNDS_PATH (pyo's bundled-sounds folder): the folder in
// $PATCHC_SNDS_PATH, else the one the build made.
std::string soundsPath();

}  // namespace patchc::elab
