// The audio thread's side of MIDI input allocates, frees and locks nothing: draining a MIDI file's events
// block by block, and draining the live ring buffer while another thread fills it (whose pushes are counted
// too: MidiInput's reader thread should not allocate per message either).
#include "runtime/LiveMidiSource.h"
#include "runtime/MidiSource.h"
#include "tests/support/RealTimeCounter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace patchc::runtime {
namespace {

TEST(MidiSourceRealTime, DrainingAFileAllocatesNothing) {
  if (!test::realTimeCounterActive()) GTEST_SKIP() << "the counters are not built under AddressSanitizer";
  std::vector<MidiEvent> events;
  for (int i = 0; i < 100'000; ++i) events.push_back({int64_t(i) * 7, 0x90, uint8_t(i % 128), 100});
  MidiFileSource source(std::move(events));
  MidiEvent block[32];
  size_t taken = 0;
  test::RealTimeCounts counts;
  {
    test::CountingScope scope;
    for (int64_t end = 256; taken < 100'000; end += 256)
      for (size_t n; (n = source.eventsBefore(end, block, 32)) > 0;) taken += n;
    counts = scope.counts();
  }
  EXPECT_EQ(taken, 100'000u);
  EXPECT_TRUE(counts.none()) << counts.allocations << " allocations, " << counts.frees << " frees, " << counts.locks
                             << " locks";
}

TEST(MidiSourceRealTime, TheLiveRingAllocatesNothingOnEitherSide) {
  if (!test::realTimeCounterActive()) GTEST_SKIP() << "the counters are not built under AddressSanitizer";
  constexpr int kCount = 200'000;
  LiveMidiSource source(512);
  std::atomic<bool> producerClean{false};
  std::thread producer([&] {
    test::CountingScope scope;
    for (int i = 0; i < kCount; ++i)
      while (!source.push(0xB0, uint8_t(i % 128), uint8_t(i / 128 % 128))) std::this_thread::yield();
    producerClean = scope.counts().none();
  });
  MidiEvent block[64];
  int taken = 0;
  test::RealTimeCounts counts;
  {
    test::CountingScope scope;
    for (int64_t end = 64; taken < kCount; end += 64) {
      const size_t n = source.eventsBefore(end, block, 64);
      taken += int(n);
      if (n == 0) std::this_thread::yield();  // a system call, not an allocation
    }
    counts = scope.counts();
  }
  producer.join();
  EXPECT_EQ(taken, kCount);
  EXPECT_TRUE(counts.none()) << counts.allocations << " allocations, " << counts.frees << " frees, " << counts.locks
                             << " locks";
  EXPECT_TRUE(producerClean.load());
}

}  // namespace
}  // namespace patchc::runtime
