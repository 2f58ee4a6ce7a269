#include "runtime/FileRenderer.h"
#include "tests/unit/runtime/TestPatches.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace patchc::runtime {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class FileRendererTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "patchrt-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(dir_, ignored);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    return names;
  }
  static std::string bytes(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  fs::path dir_;
};

struct FormatCase {
  const char* extension;
  std::optional<SampleFormat> requested;
  int expectedSndfileFormat;
  double tolerance;  // half a quantisation step, plus slack for libsndfile's scaling
};

std::string caseName(const ::testing::TestParamInfo<FormatCase>& info) {
  std::string name = std::string(info.param.extension + 1) + "_" +
                     (info.param.requested ? std::string(sampleFormatName(*info.param.requested)) : "default");
  return name;
}

class FileRendererFormatTest : public FileRendererTest, public ::testing::WithParamInterface<FormatCase> {};

TEST_P(FileRendererFormatTest, WritesTheSamplesInTheRequestedFormat) {
  const FormatCase& c = GetParam();
  PatchInstance instance(test::sinePatch(256));
  RenderOptions options;
  options.path = path(std::string("sine") + c.extension);
  options.seconds = 0.25;
  options.format = c.requested;
  RenderResult result = renderToFile(instance, options);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.stats.frames, 12000);

  SF_INFO info{};
  SNDFILE* file = sf_open(options.path.c_str(), SFM_READ, &info);
  ASSERT_NE(file, nullptr) << sf_strerror(nullptr);
  EXPECT_EQ(info.frames, 12000);
  EXPECT_EQ(info.channels, 2);
  EXPECT_EQ(info.samplerate, 48000);
  EXPECT_EQ(info.format, c.expectedSndfileFormat) << std::hex << info.format;
  std::vector<float> interleaved(size_t(info.frames) * 2);
  EXPECT_EQ(sf_readf_float(file, interleaved.data(), info.frames), info.frames);
  sf_close(file);

  double worst = 0;
  for (int64_t n = 0; n < 12000; ++n) {
    worst = std::max(worst, std::abs(double(interleaved[size_t(2 * n)]) - test::sineSample(n)));
    worst = std::max(worst, std::abs(double(interleaved[size_t(2 * n + 1)]) + test::sineSample(n)));
  }
  EXPECT_LE(worst, c.tolerance);
  // The temporary file is gone: only the target remains.
  EXPECT_EQ(entries().size(), 1u);
}

constexpr double kFloatExact = 0.0;
constexpr double kPcm16Step = 1.0 / 32768.0;
constexpr double kPcm24Step = 1.0 / 8388608.0;

INSTANTIATE_TEST_SUITE_P(
    AllContainersAndFormats, FileRendererFormatTest,
    ::testing::Values(
        FormatCase{".wav", std::nullopt, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kFloatExact},
        FormatCase{".wav", SampleFormat::Float32, SF_FORMAT_WAV | SF_FORMAT_FLOAT, kFloatExact},
        FormatCase{".wav", SampleFormat::Pcm16, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1.5 * kPcm16Step},
        FormatCase{".wav", SampleFormat::Pcm24, SF_FORMAT_WAV | SF_FORMAT_PCM_24, 1.5 * kPcm24Step},
        FormatCase{".aif", std::nullopt, SF_FORMAT_AIFF | SF_FORMAT_FLOAT, kFloatExact},
        FormatCase{".aiff", SampleFormat::Pcm16, SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 1.5 * kPcm16Step},
        FormatCase{".aiff", SampleFormat::Pcm24, SF_FORMAT_AIFF | SF_FORMAT_PCM_24, 1.5 * kPcm24Step},
        FormatCase{".flac", std::nullopt, SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 1.5 * kPcm24Step},
        FormatCase{".flac", SampleFormat::Pcm16, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 1.5 * kPcm16Step},
        FormatCase{".flac", SampleFormat::Pcm24, SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 1.5 * kPcm24Step},
        FormatCase{".rf64", std::nullopt, SF_FORMAT_RF64 | SF_FORMAT_FLOAT, kFloatExact},
        FormatCase{".RF64", SampleFormat::Pcm24, SF_FORMAT_RF64 | SF_FORMAT_PCM_24, 1.5 * kPcm24Step},
        FormatCase{".w64", std::nullopt, SF_FORMAT_W64 | SF_FORMAT_FLOAT, kFloatExact},
        FormatCase{".w64", SampleFormat::Pcm16, SF_FORMAT_W64 | SF_FORMAT_PCM_16, 1.5 * kPcm16Step}),
    caseName);

TEST_F(FileRendererTest, TwoRendersAreByteIdentical) {
  // Float WAV is the case libsndfile's timestamped PEAK chunk would break; check every container.
  const std::vector<std::string> extensions = {".wav", ".aiff", ".flac"};
  auto renderAll = [&](const std::string& stem) {
    for (const std::string& extension : extensions) {
      RenderOptions options;
      options.seconds = 0.1;
      options.path = path(stem + extension);
      PatchInstance instance(test::sinePatch());
      ASSERT_TRUE(renderToFile(instance, options).ok());
    }
  };
  renderAll("a");
  sleep(1);  // a timestamp in the file would now differ
  renderAll("b");
  for (const std::string& extension : extensions) {
    const std::string a = bytes(path("a" + extension));
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, bytes(path("b" + extension))) << extension;
  }
}

TEST_F(FileRendererTest, FloatFileHoldsExactlyTheBufferRender) {
  RenderOptions options;
  options.path = path("exact.wav");
  options.seconds = 0.1;
  PatchInstance forFile(test::sinePatch(100));
  ASSERT_TRUE(renderToFile(forFile, options).ok());
  PatchInstance forBuffer(test::sinePatch(100));
  const auto expected = renderToBuffer(forBuffer, 4800);

  SF_INFO info{};
  SNDFILE* file = sf_open(options.path.c_str(), SFM_READ, &info);
  ASSERT_NE(file, nullptr);
  std::vector<float> interleaved(size_t(info.frames) * 2);
  sf_readf_float(file, interleaved.data(), info.frames);
  sf_close(file);
  ASSERT_EQ(info.frames, 4800);
  for (size_t n = 0; n < 4800; ++n) {
    ASSERT_EQ(interleaved[2 * n], expected[0][n]) << n;
    ASSERT_EQ(interleaved[2 * n + 1], expected[1][n]) << n;
  }
}

TEST_F(FileRendererTest, UnwritablePathFailsWithAMessageAndLeavesNoFile) {
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = "/nonexistent/dir/x.wav";
  options.seconds = 0.1;
  RenderResult result = renderToFile(instance, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("/nonexistent/dir/x.wav"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("No such file or directory"), std::string::npos) << result.error;
  EXPECT_EQ(result.error.find('\n'), std::string::npos);
  EXPECT_FALSE(fs::exists("/nonexistent/dir/x.wav"));
}

TEST_F(FileRendererTest, ReadOnlyDirectoryFailsAndLeavesNothing) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("x.wav");
  options.seconds = 0.1;
  RenderResult result = renderToFile(instance, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("Permission denied"), std::string::npos) << result.error;
  fs::permissions(dir_, fs::perms::owner_all);
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileRendererTest, FailedRenameRemovesTheTemporaryFile) {
  // The target is a directory: everything renders, then the final rename fails.
  fs::create_directory(path("taken.wav"));
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("taken.wav");
  options.seconds = 0.1;
  RenderResult result = renderToFile(instance, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("taken.wav"), std::string::npos) << result.error;
  EXPECT_EQ(entries(), std::vector<std::string>{"taken.wav"});
  EXPECT_TRUE(fs::is_directory(path("taken.wav")));
}

TEST_F(FileRendererTest, FailureLeavesAnExistingTargetUntouched) {
  { std::ofstream(path("keep.flac")) << "previous"; }
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("keep.flac");
  options.format = SampleFormat::Float32;  // rejected for FLAC
  ASSERT_FALSE(renderToFile(instance, options).ok());
  EXPECT_EQ(bytes(path("keep.flac")), "previous");
}

TEST_F(FileRendererTest, UnknownExtensionFailsClearly) {
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("song.mp3");
  RenderResult result = renderToFile(instance, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("'.mp3'"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find(".wav"), std::string::npos) << result.error;

  options.path = path("song");
  result = renderToFile(instance, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("no file extension"), std::string::npos) << result.error;
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileRendererTest, FlacWithFloatFailsClearly) {
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("x.flac");
  options.format = SampleFormat::Float32;
  RenderResult result = renderToFile(instance, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("FLAC cannot store float"), std::string::npos) << result.error;
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileRendererTest, InvalidDurationFails) {
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("x.wav");
  for (double seconds : {-1.0, std::nan(""), double(INFINITY)}) {
    options.seconds = seconds;
    EXPECT_FALSE(renderToFile(instance, options).ok()) << seconds;
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileRendererTest, ExtensionIsCaseInsensitive) {
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("LOUD.WAV");
  options.seconds = 0.01;
  EXPECT_TRUE(renderToFile(instance, options).ok());
  EXPECT_EQ(containerForPath("a.AIFF"), Container::Aiff);
  EXPECT_EQ(containerForPath("a.Flac"), Container::Flac);
  EXPECT_EQ(containerForPath("a.ogg"), std::nullopt);
}

TEST_F(FileRendererTest, ZeroSecondsWritesAnEmptyValidFile) {
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("empty.wav");
  options.seconds = 0;
  ASSERT_TRUE(renderToFile(instance, options).ok());
  SF_INFO info{};
  SNDFILE* file = sf_open(options.path.c_str(), SFM_READ, &info);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(info.frames, 0);
  sf_close(file);
}

TEST_F(FileRendererTest, ReportsStatsAndProgress) {
  PatchInstance instance(test::sinePatch(64));
  RenderOptions options;
  options.path = path("stats.wav");
  options.seconds = 1.0;
  std::vector<double> fractions;
  options.onProgress = [&](double fraction) { fractions.push_back(fraction); };
  RenderResult result = renderToFile(instance, options);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.stats.frames, 48000);
  EXPECT_DOUBLE_EQ(result.stats.audioSeconds, 1.0);
  EXPECT_GT(result.stats.processCpuSeconds, 0.0);
  EXPECT_GE(result.stats.totalCpuSeconds, result.stats.processCpuSeconds);
  EXPECT_GT(result.stats.wallSeconds, 0.0);
  EXPECT_GT(result.stats.realTimeFactor(), 1.0);  // a sine is far faster than real time

  ASSERT_FALSE(fractions.empty());
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
  EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
  EXPECT_LE(fractions.size(), 1001u);
}

TEST(SampleFormatNames, RoundTrip) {
  for (SampleFormat format : {SampleFormat::Float32, SampleFormat::Pcm16, SampleFormat::Pcm24})
    EXPECT_EQ(parseSampleFormat(sampleFormatName(format)), format);
  EXPECT_EQ(parseSampleFormat("24"), SampleFormat::Pcm24);
  EXPECT_EQ(parseSampleFormat("FLOAT"), SampleFormat::Float32);
  EXPECT_EQ(parseSampleFormat("pcm8"), std::nullopt);
  EXPECT_EQ(defaultSampleFormat(Container::Flac), SampleFormat::Pcm24);
  EXPECT_EQ(defaultSampleFormat(Container::Wav), SampleFormat::Float32);
}

}  // namespace
}  // namespace patchc::runtime

namespace patchc::runtime {
namespace {

// Sizes are decided before writing, from duration x channels x sample size (no 4 GiB file needed to test it).
constexpr int64_t kFramesOf4GiBStereoFloat = (int64_t(1) << 32) / 8;  // 4 GiB of stereo float32 samples

TEST(PlanOutput, SmallWavStaysWav) {
  OutputPlan plan = planOutput(Container::Wav, SampleFormat::Float32, 2, 48000 * 60);
  EXPECT_EQ(plan.container, Container::Wav);
  EXPECT_TRUE(plan.note.empty());
  EXPECT_TRUE(plan.error.empty());
  EXPECT_EQ(plan.bytes, uint64_t(48000) * 60 * 2 * 4 + kHeaderBytes);
}

TEST(PlanOutput, WavBeyondFourGiBBecomesRf64WithANote) {
  // Just under the limit (header included) stays WAV; one frame more than 4 GiB of samples does not.
  const int64_t under = int64_t((kWavMaxBytes - kHeaderBytes) / 8);
  EXPECT_EQ(planOutput(Container::Wav, SampleFormat::Float32, 2, under).container, Container::Wav);
  OutputPlan plan = planOutput(Container::Wav, SampleFormat::Float32, 2, kFramesOf4GiBStereoFloat);
  EXPECT_EQ(plan.container, Container::Rf64);
  EXPECT_NE(plan.note.find("RF64"), std::string::npos) << plan.note;
  EXPECT_NE(plan.note.find("4.00 GiB"), std::string::npos) << plan.note;
  EXPECT_TRUE(plan.error.empty());
  // The size depends on channels and sample size: 16-bit mono fits four times the frames.
  EXPECT_EQ(planOutput(Container::Wav, SampleFormat::Pcm16, 1, kFramesOf4GiBStereoFloat).container, Container::Wav);
  EXPECT_EQ(planOutput(Container::Wav, SampleFormat::Pcm24, 8, kFramesOf4GiBStereoFloat / 3).container,
            Container::Rf64);
}

TEST(PlanOutput, AiffBeyondTwoGiBIsRefusedNamingTheAlternatives) {
  EXPECT_TRUE(planOutput(Container::Aiff, SampleFormat::Float32, 2, (int64_t(1) << 31) / 8 - 1024).error.empty());
  OutputPlan plan = planOutput(Container::Aiff, SampleFormat::Float32, 2, (int64_t(1) << 31) / 8);
  EXPECT_NE(plan.error.find(".rf64, .w64 or .flac"), std::string::npos) << plan.error;
}

TEST(PlanOutput, SixtyFourBitContainersHaveNoLimitAndSizesDoNotOverflow) {
  const int64_t huge = int64_t(1) << 61;  // x 64 channels x 4 bytes overflows 64 bits
  for (Container container : {Container::Rf64, Container::W64}) {
    OutputPlan plan = planOutput(container, SampleFormat::Float32, 64, huge);
    EXPECT_EQ(plan.container, container);
    EXPECT_TRUE(plan.error.empty());
    EXPECT_EQ(plan.bytes, UINT64_MAX);
  }
  EXPECT_EQ(planOutput(Container::Wav, SampleFormat::Float32, 64, huge).container, Container::Rf64);
  EXPECT_FALSE(planOutput(Container::Flac, SampleFormat::Pcm24, 2, int64_t(kFlacMaxFrames)).error.empty());
  EXPECT_TRUE(planOutput(Container::Flac, SampleFormat::Pcm24, 2, int64_t(kFlacMaxFrames) - 1).error.empty());
}

class FreeSpaceTest : public FileRendererTest {};

TEST_F(FreeSpaceTest, AFileLargerThanTheFreeSpaceIsRefusedBeforeWriting) {
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path("huge.w64");
  options.seconds = 1e9;  // 48000 x 2 x 4 bytes per second: 384 TB
  RenderResult result = renderToFile(instance, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error.find("free"), std::string::npos) << result.error;
  EXPECT_EQ(result.stats.frames, 0);
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileRendererTest, TemporaryFileNameDoesNotGrowWithTheOutputName) {
  // 251 + ".wav" = 255 bytes, the usual NAME_MAX: the old ".<name>.tmp-<pid>-<n>" could not be created.
  PatchInstance instance(test::sinePatch());
  RenderOptions options;
  options.path = path(std::string(251, 'a') + ".wav");
  options.seconds = 0.01;
  RenderResult result = renderToFile(instance, options);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(entries(), std::vector<std::string>{std::string(251, 'a') + ".wav"});
}

}  // namespace
}  // namespace patchc::runtime
