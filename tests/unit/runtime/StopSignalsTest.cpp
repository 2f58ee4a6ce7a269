// A signal during a render, for real: a child process renders a long file and is sent SIGINT, SIGTERM or
// SIGHUP mid-way; afterwards the directory holds no temporary file and the previous output is byte-identical,
// and the child ended by the signal it was sent.
#include "runtime/FileRenderer.h"
#include "runtime/StopSignals.h"
#include "tests/unit/runtime/TestPatches.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace patchc::runtime {
namespace {

namespace fs = std::filesystem;

// The test sine, slowed to 1 ms per block so a render of minutes lasts while the parent watches.
void slowSineProcess(void* state, float** outputs, int frames) {
  test::sineProcess(state, outputs, frames);
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The render the child runs, as the driver does: stop on the signal, then end by it.
[[noreturn]] void renderInChild(const fs::path& output) {
  // As a foreground job: a signal ignored by whoever started the tests (a background job ignores SIGINT) would
  // stay ignored by StopSignals.
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, SIG_DFL);
  PatchABI abi = test::sinePatch(256);
  abi.process = slowSineProcess;
  PatchInstance instance(abi);
  StopSignals stopSignals;
  RenderOptions options;
  options.path = output.string();
  options.seconds = 600;
  options.stop = StopSignals::flag();
  RenderResult result = renderToFile(instance, options);
  if (result.stopped) stopSignals.reraise();
  _exit(result.ok() ? 0 : 3);
}

// True once the render's temporary file exists and has samples in it.
bool temporaryFileIsGrowing(const fs::path& directory) {
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.path().filename().string().rfind(".patchc-", 0) == 0 && entry.file_size() > 0) return true;
  return false;
}

class StopSignalsTest : public ::testing::TestWithParam<int> {
protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "patchrt-signal-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Starts the child, signals it once its temporary file grows; returns its wait status.
  int renderAndSignal(int signal) {
    const pid_t child = fork();
    if (child == 0) renderInChild(dir_ / "out.wav");
    EXPECT_GT(child, 0);
    bool growing = false;
    for (int i = 0; i < 10000 && !growing; ++i) {
      growing = temporaryFileIsGrowing(dir_);
      if (!growing) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_TRUE(growing) << "the render never started writing";
    kill(child, signal);
    int status = 0;
    EXPECT_EQ(waitpid(child, &status, 0), child);
    return status;
  }

  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    return names;
  }

  fs::path dir_;
};

TEST_P(StopSignalsTest, PreviousOutputIsIntactAndNoTemporaryFileRemains) {
  const std::string previous = "the previous render\n";
  std::ofstream(dir_ / "out.wav", std::ios::binary) << previous;
  const int status = renderAndSignal(GetParam());
  ASSERT_TRUE(WIFSIGNALED(status)) << "status " << status;
  EXPECT_EQ(WTERMSIG(status), GetParam());
  EXPECT_EQ(entries(), std::vector<std::string>{"out.wav"});
  EXPECT_EQ(readAll(dir_ / "out.wav"), previous);
}

TEST_P(StopSignalsTest, WithoutAPreviousOutputNothingRemains) {
  const int status = renderAndSignal(GetParam());
  ASSERT_TRUE(WIFSIGNALED(status)) << "status " << status;
  EXPECT_EQ(WTERMSIG(status), GetParam());
  EXPECT_TRUE(entries().empty());
}

INSTANTIATE_TEST_SUITE_P(IntTermHup, StopSignalsTest, ::testing::Values(SIGINT, SIGTERM, SIGHUP),
                         [](const ::testing::TestParamInfo<int>& info) { return std::string(sigabbrev_np(info.param)); });

TEST(StopSignals, RestoresThePreviousHandlersAndReraiseReturnsWithoutASignal) {
  struct sigaction before {};
  sigaction(SIGTERM, nullptr, &before);
  {
    StopSignals stopSignals;
    EXPECT_EQ(StopSignals::received(), 0);
    stopSignals.reraise();  // nothing received: returns
    raise(SIGTERM);         // only sets the flag
    EXPECT_EQ(StopSignals::received(), SIGTERM);
    raise(SIGINT);  // the first signal is the one kept
    EXPECT_EQ(StopSignals::received(), SIGTERM);
  }
  struct sigaction after {};
  sigaction(SIGTERM, nullptr, &after);
  EXPECT_EQ(after.sa_handler, before.sa_handler);
}

}  // namespace
}  // namespace patchc::runtime

namespace patchc::runtime {
namespace {

TEST(StopSignals, ASignalIgnoredBeforeStaysIgnored) {
  // nohup ignores SIGHUP: a render under nohup must go on when the terminal closes.
  struct sigaction ignore {}, before {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGHUP, &ignore, &before);
  {
    StopSignals stopSignals;
    raise(SIGHUP);
    EXPECT_EQ(StopSignals::received(), 0);
  }
  struct sigaction after {};
  sigaction(SIGHUP, &before, &after);
  EXPECT_EQ(after.sa_handler, SIG_IGN);
}

}  // namespace
}  // namespace patchc::runtime
