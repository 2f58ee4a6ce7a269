#pragma once
// Offline rendering: runs a patch as fast as the CPU allows and writes the result with libsndfile.
// Output files are reproducible (no PEAK chunk with its timestamp) and appear atomically: samples go to a
// temporary file next to the target, renamed over it only when everything was written.

#include "runtime/PatchInstance.h"
#include "runtime/PlaybackTarget.h"

#include <csignal>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patchc::runtime {

enum class SampleFormat { Float32, Pcm16, Pcm24 };
enum class Container { Wav, Aiff, Flac, Rf64, W64 };

struct RenderOptions {
  // The extension picks the container: .wav, .aif/.aiff, .flac, .rf64, .w64 (any letter case). A .wav beyond
  // WAV's 4 GiB is written as RF64 (see planOutput).
  std::string path;
  double seconds = 10.0;  // rounded to the nearest frame
  // nullopt: the container's default, Float32 for .wav and .aif/.aiff, Pcm24 for .flac (FLAC has no float).
  // An explicit Float32 with .flac is an error rather than a silent change of format.
  std::optional<SampleFormat> format;
  // Draws a progress bar on stderr, only if stderr is a terminal; the line is cleared when rendering ends.
  bool showProgress = false;
  // Called with the fraction done (0..1] on the rendering thread, at most ~1000 times, and once with 1.0.
  std::function<void(double fraction)> onProgress;
  // When this becomes non-zero (StopSignals::flag()), rendering stops at the next block: the temporary file is
  // removed, nothing is written at `path` (an existing file there is left as it was) and the result is `stopped`.
  const volatile std::sig_atomic_t* stop = nullptr;
  // Called on the rendering thread after each chunk of blocks (up to 8192 frames), once its reports are printed:
  // where the render takes what else the patch queued (the MIDI messages it sent, runtime/MidiOutput.h).
  std::function<void()> afterChunk;
  // Refuse to start when the file would not fit in the free space of its file system (statvfs). FLAC's size is
  // not known in advance and is not checked.
  bool checkFreeSpace = true;
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
  bool stopped = false;  // ended by RenderOptions::stop (error says so; no file was written)
  RenderStats stats;
  bool ok() const { return error.empty(); }
  explicit operator bool() const { return ok(); }
};

// Renders `options.seconds` of the patch from the instance's current state (call reset() first for a fresh
// start) in blocks of bufferSize frames, with denormals flushed. Never throws; on any failure no file is left
// at options.path (an existing file there is left untouched) and no temporary file remains.
RenderResult renderToFile(PlaybackTarget& target, const RenderOptions& options);
inline RenderResult renderToFile(PatchInstance& instance, const RenderOptions& options) {
  InstanceTarget target(instance);
  return renderToFile(target, options);
}

// Renders `frames` frames into memory, one vector per channel, in the same blocks and floating-point mode as
// renderToFile, so both give the same samples.
std::vector<std::vector<float>> renderToBuffer(PlaybackTarget& target, int64_t frames);
inline std::vector<std::vector<float>> renderToBuffer(PatchInstance& instance, int64_t frames) {
  InstanceTarget target(instance);
  return renderToBuffer(target, frames);
}

// What a render will write, decided before writing from duration × channels × sample size: formats with 32-bit
// size fields cannot hold more than their limit, and libsndfile would write a wrapped header.
struct OutputPlan {
  Container container = Container::Wav;  // what is written: Rf64 for a .wav beyond WAV's limit
  uint64_t bytes = 0;                     // the file's size (header included; for FLAC the uncompressed bound)
  std::string note;                       // non-empty when the container differs from the one asked for
  std::string error;                      // non-empty when no container fits: one line naming the alternatives
};
// The largest data chunk each container holds: WAV's RIFF sizes are unsigned 32-bit; AIFF's chunk sizes are
// signed 32-bit in the 1989 spec; FLAC counts at most 2^36 frames; RF64 and W64 sizes are 64-bit.
inline constexpr uint64_t kWavMaxBytes = 0xFFFFFFFFull;
inline constexpr uint64_t kAiffMaxBytes = 0x7FFFFFFFull;
inline constexpr uint64_t kFlacMaxFrames = 1ull << 36;
// Bytes a container's header may take beyond the samples (a generous bound: libsndfile's are under 200).
inline constexpr uint64_t kHeaderBytes = 4096;
OutputPlan planOutput(Container requested, SampleFormat format, int channels, int64_t frames);
// Bytes of one sample in a format: 4, 2 or 3.
int bytesPerSample(SampleFormat format);

// The container for a path's extension, or nullopt if patchc cannot write it.
std::optional<Container> containerForPath(std::string_view path);
// The format used when RenderOptions::format is nullopt.
SampleFormat defaultSampleFormat(Container container);
// "float32", "pcm16", "pcm24" (the names parseSampleFormat accepts, for the driver's --format flag).
std::string_view sampleFormatName(SampleFormat format);
// Accepts "float32"/"float"/"f32", "pcm16"/"16", "pcm24"/"24"; nullopt otherwise.
std::optional<SampleFormat> parseSampleFormat(std::string_view name);

}  // namespace patchc::runtime
