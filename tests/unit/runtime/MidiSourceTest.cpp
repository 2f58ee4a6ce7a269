// The audio side's view of MIDI (MidiSource): a file's events taken block by block at their frames, and live
// messages through the lock-free ring buffer, stamped with the start of the block that takes them.
#include "runtime/LiveMidiSource.h"
#include "runtime/MidiSource.h"
#include "runtime/SpscRingBuffer.h"

#include <gtest/gtest.h>

#include <thread>

namespace patchc::runtime {
namespace {

TEST(MidiFileSource, GivesEachEventOnceInTheBlockThatHoldsItsFrame) {
  MidiFileSource source({{0, 0x90, 60, 100}, {63, 0x80, 60, 0}, {64, 0x90, 62, 100}, {64, 0xB0, 1, 2},
                         {200, 0x80, 62, 0}});
  MidiEvent out[8];
  ASSERT_EQ(source.eventsBefore(64, out, 8), 2u);  // frames 0 and 63 are in [0, 64)
  EXPECT_EQ(out[0], (MidiEvent{0, 0x90, 60, 100}));
  EXPECT_EQ(out[1], (MidiEvent{63, 0x80, 60, 0}));
  EXPECT_EQ(source.eventsBefore(64, out, 8), 0u);  // taken already
  ASSERT_EQ(source.eventsBefore(128, out, 8), 2u);
  EXPECT_EQ(out[0].frame, 64);
  EXPECT_EQ(out[1].status, 0xB0);
  EXPECT_EQ(source.eventsBefore(192, out, 8), 0u);
  EXPECT_EQ(source.remaining(), 1u);
  ASSERT_EQ(source.eventsBefore(256, out, 8), 1u);
  EXPECT_EQ(out[0].frame, 200);
  source.rewind();
  EXPECT_EQ(source.remaining(), 5u);
}

TEST(MidiFileSource, AtMostMaxAndTheRestLater) {
  std::vector<MidiEvent> events;
  for (int i = 0; i < 10; ++i) events.push_back({5, 0x90, uint8_t(i), 1});
  MidiFileSource source(events);
  MidiEvent out[4];
  size_t total = 0;
  std::vector<uint8_t> notes;
  for (size_t n; (n = source.eventsBefore(64, out, 4)) > 0; total += n) {
    EXPECT_LE(n, 4u);
    for (size_t i = 0; i < n; ++i) notes.push_back(out[i].data1);
  }
  EXPECT_EQ(total, 10u);
  EXPECT_EQ(notes, std::vector<uint8_t>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(SpscRingBuffer, KeepsOrder) {
  SpscRingBuffer<int> ring(4);
  int value = 0;
  EXPECT_FALSE(ring.pop(value));
  for (int round = 0; round < 10; ++round) {  // wraps around the slots several times
    EXPECT_TRUE(ring.push(3 * round));
    EXPECT_TRUE(ring.push(3 * round + 1));
    EXPECT_TRUE(ring.push(3 * round + 2));
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(ring.pop(value));
      EXPECT_EQ(value, 3 * round + i);
    }
  }
  EXPECT_EQ(ring.size(), 0u);
  EXPECT_EQ(ring.dropped(), 0u);
}

TEST(SpscRingBuffer, AFullBufferDropsTheNewestAndCountsIt) {
  SpscRingBuffer<int> ring(3);
  EXPECT_EQ(ring.capacity(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(ring.push(i));
  EXPECT_FALSE(ring.push(100));
  EXPECT_FALSE(ring.push(101));
  EXPECT_EQ(ring.dropped(), 2u);
  EXPECT_EQ(ring.size(), 3u);
  int value;
  ASSERT_TRUE(ring.pop(value));
  EXPECT_EQ(value, 0);
  EXPECT_TRUE(ring.push(3));  // room again
  for (int expected : {1, 2, 3}) {
    ASSERT_TRUE(ring.pop(value));
    EXPECT_EQ(value, expected);
  }
  EXPECT_FALSE(ring.pop(value));
}

// One producer and one consumer thread, a small buffer so it is full and empty often: with a producer that
// retries, every element arrives once, in order.
TEST(SpscRingBuffer, TwoThreadsEverythingArrivesInOrder) {
  constexpr uint64_t kCount = 500'000;
  SpscRingBuffer<uint64_t> ring(64);
  std::thread producer([&] {
    for (uint64_t i = 0; i < kCount; ++i)
      while (!ring.push(i)) std::this_thread::yield();  // retry: no element may be lost in this test
  });
  uint64_t expected = 0;
  bool inOrder = true;
  while (expected < kCount) {
    uint64_t value;
    if (!ring.pop(value)) {
      std::this_thread::yield();
      continue;
    }
    inOrder = inOrder && value == expected;
    ++expected;
  }
  producer.join();
  EXPECT_TRUE(inOrder);
  uint64_t value;
  EXPECT_FALSE(ring.pop(value));
}

// A producer that does not retry: what arrives is in order, and what is missing is exactly what was dropped.
TEST(SpscRingBuffer, TwoThreadsWithDropsKeepAnIncreasingSubsequence) {
  constexpr uint64_t kCount = 1'000'000;
  SpscRingBuffer<uint64_t> ring(16);
  std::atomic<bool> done{false};
  std::thread producer([&] {
    for (uint64_t i = 0; i < kCount; ++i) ring.push(i);  // no retry: a full buffer drops
    done = true;
  });
  uint64_t received = 0, last = 0;
  bool increasing = true;
  for (;;) {
    const bool finished = done.load();
    uint64_t value;
    while (ring.pop(value)) {
      increasing = increasing && (received == 0 || value > last);
      last = value;
      ++received;
    }
    if (finished) break;
  }
  producer.join();
  EXPECT_TRUE(increasing);
  EXPECT_EQ(received + ring.dropped(), kCount);
}

TEST(LiveMidiSource, StampsMessagesWithTheStartOfTheBlockThatTakesThem) {
  LiveMidiSource source(16);
  MidiEvent out[16];
  EXPECT_TRUE(source.push(0x90, 60, 100));
  EXPECT_TRUE(source.push(0xC2, 7, 99));  // program change: data2 is not part of it
  ASSERT_EQ(source.eventsBefore(256, out, 16), 2u);
  EXPECT_EQ(out[0], (MidiEvent{0, 0x90, 60, 100}));
  EXPECT_EQ(out[1], (MidiEvent{0, 0xC2, 7, 0}));
  EXPECT_EQ(source.eventsBefore(512, out, 16), 0u);
  EXPECT_TRUE(source.push(0x80, 60, 0));
  ASSERT_EQ(source.eventsBefore(768, out, 16), 1u);
  EXPECT_EQ(out[0], (MidiEvent{512, 0x80, 60, 0}));  // arrived during the block [512, 768)
}

TEST(LiveMidiSource, IgnoresSystemMessagesAndCountsDrops) {
  LiveMidiSource source(2);
  EXPECT_FALSE(source.push(0xF8, 0, 0));  // clock
  EXPECT_FALSE(source.push(0xF0, 1, 2));  // sysex
  EXPECT_FALSE(source.push(0x3C, 1, 2));  // a data byte
  EXPECT_EQ(source.dropped(), 0u);
  EXPECT_TRUE(source.push(0x90, 60, 100));
  EXPECT_TRUE(source.push(0x90, 0xC0, 0xFF));  // data bytes masked to 7 bits
  EXPECT_FALSE(source.push(0x90, 64, 100));
  EXPECT_EQ(source.dropped(), 1u);
  MidiEvent out[4];
  ASSERT_EQ(source.eventsBefore(64, out, 1), 1u);  // at most max; the other waits
  EXPECT_EQ(out[0].data1, 60);
  ASSERT_EQ(source.eventsBefore(128, out, 4), 1u);
  EXPECT_EQ(out[0], (MidiEvent{64, 0x90, 0x40, 0x7F}));
}

TEST(LiveMidiSource, TwoThreadsMessagesArriveInOrderAtBlockStarts) {
  constexpr int kCount = 200'000;
  LiveMidiSource source(256);
  std::thread reader([&] {
    for (int i = 0; i < kCount; ++i)
      while (!source.push(uint8_t(0x90 | (i % 16)), uint8_t(i % 128), uint8_t(i / 128 % 128)))
        std::this_thread::yield();
  });
  int received = 0;
  bool inOrder = true, stampedAtBlockStart = true;
  MidiEvent out[64];
  for (int64_t block = 0; received < kCount; ++block) {
    const size_t n = source.eventsBefore((block + 1) * 64, out, 64);
    for (size_t i = 0; i < n; ++i, ++received) {
      inOrder = inOrder && out[i].status == (0x90 | (received % 16)) && out[i].data1 == received % 128 &&
                out[i].data2 == received / 128 % 128;
      stampedAtBlockStart = stampedAtBlockStart && out[i].frame == block * 64;
    }
    if (n == 0) std::this_thread::yield();
  }
  reader.join();
  EXPECT_TRUE(inOrder);
  EXPECT_TRUE(stampedAtBlockStart);
}

}  // namespace
}  // namespace patchc::runtime
