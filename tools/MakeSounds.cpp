// Makes the sounds a patch can name through SNDS_PATH, as pyo's bundled sounds folder: patchc ships no
// recordings, so `transparent.aif` (pyo's short voice sample) is made here. It is the same signal as the pyo
// benchmark's stand-in (shared/bench/cases/_bench.py, input_sound): 3 s, mono, 44.1 kHz, 16-bit, a vibrato
// pulse train (f0 around 150 Hz, 12 harmonics) shaped into three syllables and faded out.
// Usage: patchc-make-sounds DIRECTORY
#include <sndfile.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

std::vector<short> transparent() {
  constexpr int kRate = 44100;
  const int frames = 3 * kRate;
  std::vector<short> samples(static_cast<size_t>(frames));
  double phase = 0.0;
  for (int i = 0; i < frames; ++i) {
    double t = static_cast<double>(i) / kRate;
    double f0 = 150.0 + 12.0 * std::sin(2 * M_PI * 5.0 * t);
    phase += f0 / kRate;
    double v = 0.0;
    for (int k = 1; k <= 12; ++k) v += std::sin(2 * M_PI * k * phase) / k;
    double syllable = std::pow(std::sin(M_PI * std::fmod(t * 1.2, 1.0)), 2);
    double fade = std::min(1.0, (3.0 - t) / 0.3);
    samples[static_cast<size_t>(i)] = static_cast<short>(std::lround(32767 * 0.25 * v * syllable * fade));
  }
  return samples;
}

bool write(const std::filesystem::path& path, const std::vector<short>& samples) {
  SF_INFO info{};
  info.samplerate = 44100;
  info.channels = 1;
  info.format = SF_FORMAT_AIFF | SF_FORMAT_PCM_16;
  auto temporary = path;
  temporary += ".tmp";
  SNDFILE* file = sf_open(temporary.c_str(), SFM_WRITE, &info);
  if (!file) return false;
  bool ok = sf_writef_short(file, samples.data(), static_cast<sf_count_t>(samples.size())) ==
            static_cast<sf_count_t>(samples.size());
  ok = sf_close(file) == 0 && ok;
  if (ok) std::filesystem::rename(temporary, path);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: patchc-make-sounds DIRECTORY\n");
    return 2;
  }
  std::filesystem::path directory(argv[1]);
  std::filesystem::create_directories(directory);
  if (!write(directory / "transparent.aif", transparent())) {
    std::fprintf(stderr, "patchc-make-sounds: cannot write %s\n", (directory / "transparent.aif").c_str());
    return 1;
  }
  return 0;
}
