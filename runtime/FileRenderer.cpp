#include "runtime/FileRenderer.h"

#include "runtime/Denormals.h"
#include "runtime/Reports.h"
#include "runtime/TemporaryFile.h"

#include <sndfile.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <sys/statvfs.h>
#include <unistd.h>

namespace patchc::runtime {

namespace {

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int libsndfileFormat(Container container, SampleFormat format) {
  int major = 0;
  switch (container) {
  case Container::Wav: major = SF_FORMAT_WAV; break;
  case Container::Aiff: major = SF_FORMAT_AIFF; break;
  case Container::Flac: major = SF_FORMAT_FLAC; break;
  case Container::Rf64: major = SF_FORMAT_RF64; break;
  case Container::W64: major = SF_FORMAT_W64; break;
  }
  int minor = format == SampleFormat::Float32 ? SF_FORMAT_FLOAT
              : format == SampleFormat::Pcm16 ? SF_FORMAT_PCM_16
                                              : SF_FORMAT_PCM_24;
  return major | minor;
}

// Progress for the user: a bar on stderr when it is a terminal, and the caller's callback. Both are throttled to
// changes of 0.1% so that a long render at a small buffer size does not spend its time drawing.
class Progress {
public:
  Progress(const RenderOptions& options, int64_t totalFrames, double sampleRate)
      : callback_(options.onProgress), bar_(options.showProgress && isatty(STDERR_FILENO)),
        totalFrames_(totalFrames), sampleRate_(sampleRate) {}

  void update(int64_t framesDone) {
    if (!callback_ && !bar_) return;
    double fraction = totalFrames_ > 0 ? double(framesDone) / double(totalFrames_) : 1.0;
    int permille = int(fraction * 1000.0);
    if (permille == lastPermille_ && framesDone != totalFrames_) return;
    lastPermille_ = permille;
    if (callback_) callback_(fraction);
    if (bar_) draw(fraction, framesDone);
  }

  ~Progress() {
    if (bar_) std::fputs("\r\033[2K", stderr);  // leave the line to the driver's summary
  }

private:
  void draw(double fraction, int64_t framesDone) {
    constexpr int kWidth = 40;
    int filled = int(fraction * kWidth);
    char line[kWidth + 1];
    for (int i = 0; i < kWidth; ++i) line[i] = i < filled ? '#' : '.';
    line[kWidth] = '\0';
    std::fprintf(stderr, "\r[%s] %3d%%  %.1f / %.1f s", line, int(fraction * 100.0), double(framesDone) / sampleRate_,
                 double(totalFrames_) / sampleRate_);
  }

  const std::function<void(double)>& callback_;
  bool bar_;
  int64_t totalFrames_;
  double sampleRate_;
  int lastPermille_ = -1;
};

// Calls process in blocks of bufferSize frames; shared by renderToFile and renderToBuffer so both produce the
// same samples. `outputs` are `channels` pointers to at least `frames` floats each, advanced as we go.
void renderBlocks(PlaybackTarget& instance, float** outputs, float** cursor, int64_t frames, double& cpuSeconds) {
  const int channels = instance.channels();
  const int block = instance.bufferSize();
  for (int64_t done = 0; done < frames;) {
    int n = int(std::min<int64_t>(block, frames - done));
    for (int c = 0; c < channels; ++c) cursor[c] = outputs[c] + done;
    double before = threadCpuSeconds();
    instance.render(cursor, n);
    cpuSeconds += threadCpuSeconds() - before;
    done += n;
  }
}

}  // namespace

std::optional<Container> containerForPath(std::string_view path) {
  std::string extension = lowercase(std::filesystem::path(path).extension().string());
  if (extension == ".wav") return Container::Wav;
  if (extension == ".aif" || extension == ".aiff") return Container::Aiff;
  if (extension == ".flac") return Container::Flac;
  if (extension == ".rf64") return Container::Rf64;
  if (extension == ".w64") return Container::W64;
  return std::nullopt;
}

int bytesPerSample(SampleFormat format) {
  return format == SampleFormat::Float32 ? 4 : format == SampleFormat::Pcm16 ? 2 : 3;
}

OutputPlan planOutput(Container requested, SampleFormat format, int channels, int64_t frames) {
  OutputPlan plan;
  plan.container = requested;
  // In 128 bits: frames × channels × 4 cannot overflow, whatever the duration asked for.
  const unsigned __int128 data =
      (unsigned __int128)std::max<int64_t>(frames, 0) * unsigned(std::max(channels, 0)) * unsigned(bytesPerSample(format));
  const unsigned __int128 total = data + kHeaderBytes;
  plan.bytes = total > UINT64_MAX ? UINT64_MAX : uint64_t(total);
  const double gib = double(data) / double(1ull << 30);
  char size[64];
  std::snprintf(size, sizeof size, "%.2f GiB", gib);
  switch (requested) {
  case Container::Wav:
    if (total > kWavMaxBytes) {
      plan.container = Container::Rf64;
      plan.note = std::string("the file holds ") + size +
                  " of samples, more than WAV's 4 GiB: it is written as RF64 (64-bit WAV, libsndfile's "
                  "SF_FORMAT_RF64) instead of a WAV with a wrapped size; name it .rf64 or .w64 to choose";
    }
    break;
  case Container::Aiff:
    if (total > kAiffMaxBytes)
      plan.error = std::string("the file would hold ") + size +
                   " of samples, more than AIFF's 2 GiB; use .rf64, .w64 or .flac, or a shorter duration";
    break;
  case Container::Flac:
    if (uint64_t(std::max<int64_t>(frames, 0)) >= kFlacMaxFrames)
      plan.error = "FLAC counts at most 2^36 frames; use .rf64 or .w64, or a shorter duration";
    break;
  case Container::Rf64:
  case Container::W64:
    break;
  }
  return plan;
}

SampleFormat defaultSampleFormat(Container container) {
  return container == Container::Flac ? SampleFormat::Pcm24 : SampleFormat::Float32;
}

std::string_view sampleFormatName(SampleFormat format) {
  switch (format) {
  case SampleFormat::Float32: return "float32";
  case SampleFormat::Pcm16: return "pcm16";
  case SampleFormat::Pcm24: return "pcm24";
  }
  return "?";
}

std::optional<SampleFormat> parseSampleFormat(std::string_view name) {
  std::string n = lowercase(name);
  if (n == "float32" || n == "float" || n == "f32") return SampleFormat::Float32;
  if (n == "pcm16" || n == "16") return SampleFormat::Pcm16;
  if (n == "pcm24" || n == "24") return SampleFormat::Pcm24;
  return std::nullopt;
}

std::vector<std::vector<float>> renderToBuffer(PlaybackTarget& instance, int64_t frames) {
  frames = std::max<int64_t>(frames, 0);
  std::vector<std::vector<float>> channels(size_t(instance.channels()), std::vector<float>(size_t(frames)));
  std::vector<float*> outputs, cursor(channels.size());
  for (auto& channel : channels) outputs.push_back(channel.data());
  ScopedFlushDenormals flush;
  double cpuSeconds = 0;
  renderBlocks(instance, outputs.data(), cursor.data(), frames, cpuSeconds);
  return channels;
}

RenderResult renderToFile(PlaybackTarget& instance, const RenderOptions& options) try {
  RenderResult result;
  const auto wallStart = std::chrono::steady_clock::now();
  const double cpuStart = threadCpuSeconds();
  const std::filesystem::path target(options.path);
  auto fail = [&](const std::string& why) {
    result.error = "cannot render to '" + options.path + "': " + why;
    return result;
  };

  std::optional<Container> container = containerForPath(options.path);
  if (!container) {
    std::string extension = target.extension().string();
    return fail(extension.empty() ? "no file extension (use .wav, .aif, .aiff, .flac, .rf64 or .w64)"
                                  : "unknown file extension '" + extension +
                                        "' (use .wav, .aif, .aiff, .flac, .rf64 or .w64)");
  }
  SampleFormat format = options.format.value_or(defaultSampleFormat(*container));
  if (*container == Container::Flac && format == SampleFormat::Float32)
    return fail("FLAC cannot store float samples; choose pcm16 or pcm24 (the default for .flac)");
  if (!(options.seconds >= 0.0) || !std::isfinite(options.seconds))
    return fail("the duration must be a finite, non-negative number of seconds");

  const int channels = instance.channels();
  const double sampleRate = instance.sampleRate();
  SF_INFO info{};
  info.samplerate = int(std::lround(sampleRate));
  info.channels = channels;
  info.format = libsndfileFormat(*container, format);
  if (!sf_format_check(&info))
    return fail("this file type cannot hold " + std::to_string(channels) + " channels of " +
                std::string(sampleFormatName(format)) + " at " + std::to_string(info.samplerate) + " Hz");

  // Beyond 2^62 frames llround's result is not defined; no disk holds that many anyway.
  if (options.seconds * sampleRate >= 0x1p62) return fail("the duration is too long for any file");
  const int64_t totalFrames = std::llround(options.seconds * sampleRate);
  const OutputPlan plan = planOutput(*container, format, channels, totalFrames);
  if (!plan.error.empty()) return fail(plan.error);
  info.format = libsndfileFormat(plan.container, format);
  if (options.checkFreeSpace && plan.container != Container::Flac) {
    std::filesystem::path directory = target.parent_path();
    if (directory.empty()) directory = ".";
    struct statvfs disk {};
    if (::statvfs(directory.c_str(), &disk) == 0) {
      const unsigned __int128 available = (unsigned __int128)disk.f_bavail * disk.f_frsize;
      if (plan.bytes > available) {
        char message[160];
        std::snprintf(message, sizeof message, "the file needs %.1f MB but its file system has %.1f MB free",
                      double(plan.bytes) / 1e6, double(available) / 1e6);
        return fail(message);
      }
    }
  }
  // Write in chunks of many blocks: one libsndfile call per block would be one write() per few hundred frames.
  const int block = instance.bufferSize();
  const int64_t chunkFrames = std::max<int64_t>(block, (8192 / block) * int64_t(block));
  std::vector<float> planar(size_t(chunkFrames) * size_t(channels));
  std::vector<float> interleaved(planar.size());
  std::vector<float*> outputs(static_cast<size_t>(channels)), cursor(static_cast<size_t>(channels));
  for (int c = 0; c < channels; ++c) outputs[size_t(c)] = planar.data() + size_t(c) * size_t(chunkFrames);

  TemporaryFile temporary;
  if (std::string why = temporary.create(target); !why.empty()) return fail(why);
  // libsndfile must not close the descriptor: TemporaryFile owns it, whatever happens.
  std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> file(sf_open_fd(temporary.fd(), SFM_WRITE, &info, SF_FALSE), sf_close);
  if (!file) return fail(sf_strerror(nullptr));
  // Reproducible bytes: the PEAK chunk carries a timestamp. Clipping: out-of-range floats written as PCM clip
  // instead of wrapping around.
  sf_command(file.get(), SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
  sf_command(file.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);

  std::string writeError;
  {
    Progress progress(options, totalFrames, sampleRate);
    ScopedFlushDenormals flush;
    for (int64_t done = 0; done < totalFrames;) {
      if (options.stop && *options.stop != 0) {
        result.stopped = true;
        writeError = "stopped by signal " + std::to_string(int(*options.stop)) + " (" + strsignal(*options.stop) +
                     ") after " + std::to_string(done) + " of " + std::to_string(totalFrames) +
                     " frames; no file was written and any previous one is left as it was";
        break;
      }
      const int64_t n = std::min(chunkFrames, totalFrames - done);
      renderBlocks(instance, outputs.data(), cursor.data(), n, result.stats.processCpuSeconds);
      instance.printReports(stdout);  // what the patch printed (Print), here, outside process
      if (options.afterChunk) options.afterChunk();
      for (int64_t i = 0; i < n; ++i)
        for (int c = 0; c < channels; ++c) interleaved[size_t(i * channels + c)] = outputs[size_t(c)][i];
      if (sf_writef_float(file.get(), interleaved.data(), n) != n) {
        writeError = sf_strerror(file.get());
        break;
      }
      done += n;
      result.stats.frames = done;
      progress.update(done);
    }
    if (totalFrames == 0) progress.update(0);
  }
  if (sf_close(file.release()) != 0 && writeError.empty()) writeError = "error finishing the file";
  if (!temporary.close() && writeError.empty()) writeError = std::strerror(errno);
  if (!writeError.empty()) return fail(writeError);
  if (std::string why = temporary.commitAs(target); !why.empty()) return fail(why);

  result.stats.audioSeconds = double(result.stats.frames) / sampleRate;
  result.stats.totalCpuSeconds = threadCpuSeconds() - cpuStart;
  result.stats.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  return result;
} catch (const std::exception& e) {
  // Only allocation or filesystem errors can get here; they must not escape into the driver as a crash.
  RenderResult result;
  result.error = "cannot render to '" + options.path + "': " + e.what();
  return result;
}

}  // namespace patchc::runtime
