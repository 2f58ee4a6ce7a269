#pragma once
// Offline rendering: runs a patch as fast as the CPU allows and writes the result with libsndfile.
// Output files are reproducible (no PEAK chunk with its timestamp) and appear atomically: samples go to a
// temporary file next to the target, renamed over it only when everything was written.

#include "runtime/PatchInstance.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patchc::runtime {

enum class SampleFormat { Float32, Pcm16, Pcm24 };
enum class Container { Wav, Aiff, Flac };

struct RenderOptions {
  std::string path;       // the extension picks the container: .wav, .aif/.aiff, .flac (any letter case)
  double seconds = 10.0;  // rounded to the nearest frame
  // nullopt: the container's default, Float32 for .wav and .aif/.aiff, Pcm24 for .flac (FLAC has no float).
  // An explicit Float32 with .flac is an error rather than a silent change of format.
  std::optional<SampleFormat> format;
  // Draws a progress bar on stderr, only if stderr is a terminal; the line is cleared when rendering ends.
  bool showProgress = false;
  // Called with the fraction done (0..1] on the rendering thread, at most ~1000 times, and once with 1.0.
  std::function<void(double fraction)> onProgress;
};

struct RenderStats {
  int64_t frames = 0;
  double audioSeconds = 0;       // frames / sample rate
  double processCpuSeconds = 0;  // thread CPU time inside the patch's process() alone, summed
  double totalCpuSeconds = 0;    // thread CPU time of the whole render, writing included
  double wallSeconds = 0;
  // How many times faster than real time the patch itself runs: audio seconds per process() CPU second.
  double realTimeFactor() const { return processCpuSeconds > 0 ? audioSeconds / processCpuSeconds : 0.0; }
};

struct RenderResult {
  std::string error;  // empty on success; otherwise one line, fit to show the user as is
  RenderStats stats;
  bool ok() const { return error.empty(); }
  explicit operator bool() const { return ok(); }
};

// Renders `options.seconds` of the patch from the instance's current state (call reset() first for a fresh
// start) in blocks of bufferSize frames, with denormals flushed. Never throws; on any failure no file is left
// at options.path (an existing file there is left untouched) and no temporary file remains.
RenderResult renderToFile(PatchInstance& instance, const RenderOptions& options);

// Renders `frames` frames into memory, one vector per channel, in the same blocks and floating-point mode as
// renderToFile, so both give the same samples.
std::vector<std::vector<float>> renderToBuffer(PatchInstance& instance, int64_t frames);

// The container for a path's extension, or nullopt if patchc cannot write it.
std::optional<Container> containerForPath(std::string_view path);
// The format used when RenderOptions::format is nullopt.
SampleFormat defaultSampleFormat(Container container);
// "float32", "pcm16", "pcm24" (the names parseSampleFormat accepts, for the driver's --format flag).
std::string_view sampleFormatName(SampleFormat format);
// Accepts "float32"/"float"/"f32", "pcm16"/"16", "pcm24"/"24"; nullopt otherwise.
std::optional<SampleFormat> parseSampleFormat(std::string_view name);

}  // namespace patchc::runtime
