// Sound files read while compiling (SfPlayer's path): the samples become constant arrays of the patch, so the
// audio thread never does I/O.
#pragma once

#include <string>
#include <vector>

namespace patchc::elab {

struct SoundFile {
  std::vector<std::vector<float>> channels;
  double sampleRate = 0;
  std::string error;  // one line for the user; empty on success
};

// Reads `path`: as given, else relative to the directory of the patch `patchPath`.
SoundFile readSoundFile(const std::string& path, const std::string& patchPath);

// Where patchc keeps the sounds a patch can name through SNDS_PATH (pyo's bundled-sounds folder): the folder in
// $PATCHC_SNDS_PATH, else the one the build made.
std::string soundsPath();

}  // namespace patchc::elab
