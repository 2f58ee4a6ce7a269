// The audio thread's promise, measured: `process` (through PatchInstance::render, as the live player and the
// file renderer call it) makes no allocation and takes no lock, over minutes of every example and every bench
// case that compiles. Counted by tests/support/RealTimeCounter (interposed malloc/new/pthread_mutex_lock).
#include "runtime/Denormals.h"
#include "runtime/MidiFile.h"
#include "runtime/MidiSource.h"
#include "runtime/PatchInstance.h"
#include "tests/support/RealTimeCounter.h"
#include "tools/Pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace patchc::test {
namespace {

namespace fs = std::filesystem;

// Seconds of audio per patch: 10 minutes of each example; bench cases get 60 s each by default to keep this
// test near a minute of CI time (PATCHC_REALTIME_BENCH_SECONDS=600 for the full ten minutes, by hand).
constexpr double kExampleSeconds = 600;
double benchSeconds() {
  const char* text = std::getenv("PATCHC_REALTIME_BENCH_SECONDS");
  return text ? std::atof(text) : 60.0;
}

struct Counted {
  RealTimeCounts counts;
  int64_t frames = 0;
};

// Renders `seconds` in blocks of the patch's buffer size, each process call inside a counting scope; the
// outputs are allocated before. Init (in the constructor) is outside: it may allocate, once. With `midi`, the
// patch's MIDI objects read its events (PatchInstance::setMidiSource), which render() copies in each block.
Counted renderCounted(const runtime::PatchABI& abi, double seconds, runtime::MidiSource* midi = nullptr) {
  runtime::PatchInstance instance(abi);
  instance.setMidiSource(midi);
  const int block = instance.bufferSize();
  std::vector<std::vector<float>> buffers(size_t(instance.channels()), std::vector<float>(size_t(block)));
  std::vector<float*> outputs;
  for (auto& buffer : buffers) outputs.push_back(buffer.data());
  const int64_t total = int64_t(seconds * instance.sampleRate());
  Counted result;
  runtime::ScopedFlushDenormals flush;
  for (int64_t done = 0; done < total; done += block) {
    CountingScope scope;
    instance.render(outputs.data(), block);
    const RealTimeCounts counts = scope.counts();
    result.counts.allocations += counts.allocations;
    result.counts.frees += counts.frees;
    result.counts.locks += counts.locks;
  }
  result.frames = total;
  return result;
}

std::unique_ptr<CompiledPatch> compileFile(const fs::path& path, std::string& messages) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  std::ostringstream log;
  Diagnostics diagnostics(log);
  CompileOptions options;
  options.compileThreads = 1;
  auto patch = compilePatch(std::make_unique<SourceFile>(path.filename().string(), text.str()), diagnostics, options);
  messages = log.str();
  return patch;
}

std::vector<fs::path> patchesIn(const std::string& folder) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(PATCHC_SOURCE_DIR) / folder))
    if (entry.path().extension() == ".patch") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

class RealTime : public ::testing::Test {
protected:
  void SetUp() override {
    if (!realTimeCounterActive()) GTEST_SKIP() << "the counter is not built under AddressSanitizer";
  }
};

// The zero below is believable only if the counter sees what it should. The pointers escape through a volatile
// so the compiler cannot elide the allocations (it may remove a new/delete or malloc/free pair it sees whole).
void* volatile gEscape = nullptr;
void allocatingProcess(void*, float** outputs, int frames) {
  gEscape = new float[size_t(frames)];
  delete[] static_cast<float*>(gEscape);
  gEscape = std::malloc(16);
  std::free(gEscape);
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  for (int i = 0; i < frames; ++i) outputs[0][i] = 0;
}

TEST_F(RealTime, TheCounterCountsAllocationsFreesAndLocksInProcess) {
  runtime::PatchABI abi;
  abi.channels = 1;
  abi.bufferSize = 64;
  abi.sampleRate = 64;
  abi.process = allocatingProcess;
  Counted counted = renderCounted(abi, 10);  // 10 blocks
  EXPECT_EQ(counted.counts.allocations, 20u);
  EXPECT_EQ(counted.counts.frees, 20u);
  EXPECT_EQ(counted.counts.locks, 10u);
}

TEST_F(RealTime, OnlyTheThreadInsideTheScopeIsCounted) {
  RealTimeCounts counts;
  {
    CountingScope scope;
    gEscape = new int(1);
    delete static_cast<int*>(gEscape);
    std::thread other([] {
      for (int i = 0; i < 1000; ++i) {
        gEscape = new int(i);
        delete static_cast<int*>(gEscape);
      }
    });
    other.join();
    counts = scope.counts();
  }
  EXPECT_GE(counts.allocations, 1u);   // this thread's own new
  EXPECT_LT(counts.allocations, 10u);  // and std::thread's start-up state, not the other thread's 1000
  CountingScope fresh;
  EXPECT_TRUE(fresh.counts().none());
}

void expectNoneOver(const std::vector<fs::path>& paths, double seconds, bool skipWhatDoesNotCompile) {
  int rendered = 0;
  for (const auto& path : paths) {
    std::string messages;
    auto patch = compileFile(path, messages);
    if (!patch) {
      if (!skipWhatDoesNotCompile) ADD_FAILURE() << path << " did not compile:\n" << messages;
      continue;
    }
    Counted counted = renderCounted(patch->abi(), seconds);
    EXPECT_TRUE(counted.counts.none())
        << path.filename() << ": " << counted.counts.allocations << " allocations, " << counted.counts.frees
        << " frees, " << counted.counts.locks << " locks in process over " << seconds << " s";
    std::printf("[ realtime ] %-36s %7.0f s: %llu allocations, %llu frees, %llu locks in process\n",
                path.filename().c_str(), seconds, (unsigned long long)counted.counts.allocations,
                (unsigned long long)counted.counts.frees, (unsigned long long)counted.counts.locks);
    ++rendered;
  }
  EXPECT_GT(rendered, 0);
}

// The MIDI patches (tests/lit/midi: pyo's 16-midi examples) with the events of tests/midi/notes-and-controls.mid:
// taking each block's events, Notein's voices, the scanners' callbacks, the MIDI a patch sends (makenote's
// queue) allocate and lock nothing either.
TEST_F(RealTime, MidiPatchesTakeTheirEventsWithoutAllocatingOrLocking) {
  auto file = runtime::readMidiFile(std::string(PATCHC_SOURCE_DIR) + "/tests/midi/notes-and-controls.mid");
  ASSERT_TRUE(file.ok()) << file.error;
  int rendered = 0;
  for (const auto& path : patchesIn("tests/lit/midi")) {
    // 07-midifile reads "../snds/mapleleafrag.mid", which its lit test puts beside a copy of it.
    if (path.filename() == "errors.patch" || path.filename() == "07-midifile.patch") continue;
    std::string messages;
    auto patch = compileFile(path, messages);
    ASSERT_TRUE(patch) << path << ":\n" << messages;
    // A patch that only sends MIDI (06-midi-out, midi-out-methods) reads none: its handlers' pushes into the
    // MIDI out queue are counted the same way.
    const bool readsMidi = runtime::PatchInstance(patch->abi()).usesMidi();
    ASSERT_TRUE(readsMidi || patch->abi().midiOut != runtime::PatchABI::kNoMidiOut) << path;
    runtime::MidiFileSource source(runtime::midiFileEventsAtFrames(file.file, patch->abi().sampleRate));
    Counted counted = renderCounted(patch->abi(), 10, &source);
    if (readsMidi) EXPECT_EQ(source.remaining(), 0u) << path.filename() << ": every event was taken";
    EXPECT_TRUE(counted.counts.none())
        << path.filename() << ": " << counted.counts.allocations << " allocations, " << counted.counts.frees
        << " frees, " << counted.counts.locks << " locks in process";
    ++rendered;
  }
  EXPECT_GE(rendered, 6);
}

TEST_F(RealTime, EveryExampleProcessesTenMinutesWithoutAllocatingOrLocking) {
  expectNoneOver(patchesIn("examples"), kExampleSeconds, false);
}

TEST_F(RealTime, EveryBenchCaseThatCompilesProcessesWithoutAllocatingOrLocking) {
  expectNoneOver(patchesIn("bench/cases"), benchSeconds(), true);
}

}  // namespace
}  // namespace patchc::test
