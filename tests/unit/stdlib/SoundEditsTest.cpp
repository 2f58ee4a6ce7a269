// SndTable's setSound/insert/append while playing (stdlib/tables/refill/SoundEdits.h) against pyo 1.0.4.
//
// Measured with /usr/bin/python3 and pyo 1.0.4: a 2 s mono 32-bit float WAV of the samples tone() makes
// (savefile(x, "tone.wav", sr=44100, channels=1, fileformat=0, sampletype=3)), an empty SndTable() (one second of
// zeros), then the edits below in this order, each followed by t.getSize(), sum(t.getTable()), the sum of the
// absolute values and the samples at a few indexes (around each crossfade, the middle, the last). pyo reads the
// file's floats unchanged, so every sample is expected bit for bit; the sums are Python's, over doubles, in order.
#include "stdlib/tables/refill/SoundEdits.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

namespace {

std::vector<float> tone() {
  std::vector<float> x(88200);
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = static_cast<float>(0.5 * std::sin(2 * M_PI * 440 * double(i) / 44100) +
                              0.25 * std::sin(2 * M_PI * 3 * double(i) / 44100));
  return x;
}

struct Edit {
  int32_t kind;
  float start, stop, pos, crossfade;
};

struct Measured {
  int32_t size;
  double sum, absSum;
  std::vector<std::pair<int, float>> samples;
};

TEST(SoundEdits, AsPyoSetsInsertsPrependsAndAppends) {
  const std::vector<Edit> edits = {
      {kSoundEditSet, 0.5f, 0.7f, 0, 0},
      {kSoundEditInsert, 1.0f, 1.2f, 0.1f, 0.05f},   // appends: 0.1 s ≥ (8820 − 1) / 44100 in whole seconds = 0
      {kSoundEditInsert, 0.3f, 0.45f, -0.1f, 0.05f},  // prepends: a position ≤ 0
      {kSoundEditSet, 0.1f, 1.4f, 0, 0},
      {kSoundEditInsert, 1.5f, 1.7f, 0.5f, 0.03f},   // inserts: 0.5 s < 1
      {kSoundEditAppend, 0.2f, 0.3f, 0, 0.02f},
      {kSoundEditAppend, 0.2f, 0.3f, 0, 0.0f},
  };
  const std::vector<Measured> pyo = {
      {8820, -1058.1573950972634, 2959.9195683952239,
       {{0, 1.57821838e-14f}, {1, 0.031217305f}, {2204, -0.23351559f}, {2205, -0.202254251f}, {4410, -0.237764135f},
        {8819, 0.115535691f}}},
      {15435, -138.72481860501784, 5216.7376357109079,
       {{0, 1.57821838e-14f}, {1, 0.031217305f}, {2204, -0.23351559f}, {2205, -0.202254251f}, {4410, -0.237764135f},
        {7717, 0.0759787634f}, {8819, 0.170854703f}, {8820, 0.202254251f}, {8821, 0.233641207f},
        {11024, 0.206472963f}, {11025, 0.237764135f}, {13000, -0.380117416f}, {15434, -0.178184018f}}},
      {19845, 382.89595315559427, 6667.6749046353671,
       {{0, -0.146946311f}, {1, -0.115535691f}, {2204, 0.0458284542f}, {2205, 0.0772542506f}, {4410, 0.237764135f},
        {8819, -0.269121289f}, {8820, -0.237764135f}, {8821, -0.206406921f}, {9922, -0.192484245f},
        {11024, -0.108680032f}, {11025, -0.0772542506f}, {13000, -0.296720862f}, {15434, 0.206472963f},
        {19844, -0.178184018f}}},
      {57330, -361.48462451608566, 19380.13623198403,
       {{0, 0.237764135f}, {1, 0.269055247f}, {2204, 0.046031706f}, {2205, 0.0772542506f}, {4410, -0.146946311f},
        {8819, -0.178356916f}, {8820, -0.146946311f}, {8821, -0.115535691f}, {11024, 0.0458284542f},
        {11025, 0.0772542506f}, {13000, -0.251301616f}, {15434, 0.170992881f}, {28665, 0.25f},
        {57329, 0.206406921f}}},
      {63504, -1045.2873303362699, 21315.831218759369,
       {{0, 0.237764135f}, {1, 0.269055247f}, {2204, 0.046031706f}, {2205, 0.0772542506f}, {4410, -0.146946311f},
        {8819, -0.178356916f}, {8820, -0.146946311f}, {8821, -0.115535691f}, {11024, 0.0458284542f},
        {11025, 0.0772542506f}, {13000, -0.251301616f}, {15434, 0.170992881f}, {31752, 0.537700713f},
        {63503, 0.206406921f}}},
      {67032, -2071.7452613288128, 22509.509724056556,
       {{0, 0.237764135f}, {1, 0.269055247f}, {2204, 0.046031706f}, {2205, 0.0772542506f}, {4410, -0.146946311f},
        {8819, -0.178356916f}, {8820, -0.146946311f}, {8821, -0.115535691f}, {11024, 0.0458284542f},
        {11025, 0.0772542506f}, {13000, -0.251301616f}, {15434, 0.170992881f}, {33516, -0.264446288f},
        {67031, -0.178356916f}}},
      {71442, -3018.1242916495626, 24047.583684543166,
       {{0, 0.237764135f}, {1, 0.269055247f}, {2204, 0.046031706f}, {2205, 0.0772542506f}, {4410, -0.146946311f},
        {8819, -0.178356916f}, {8820, -0.146946311f}, {8821, -0.115535691f}, {11024, 0.0458284542f},
        {11025, 0.0772542506f}, {13000, -0.251301616f}, {15434, 0.170992881f}, {35721, -0.243084133f},
        {71441, -0.178356916f}}},
  };
  const std::vector<float> file = tone();
  const int32_t capacity = 80000;
  std::vector<float> table(capacity + 1, 0.0f);
  int32_t size = 44100;  // SndTable(): a second of zeros
  for (size_t e = 0; e < edits.size(); ++e) {
    SCOPED_TRACE(e);
    const Edit& x = edits[e];
    size = patchc_sound_edit(table.data(), size, capacity, file.data(), int32_t(file.size()), 44100.0f, 44100.0f,
                             x.kind, x.start, x.stop, x.pos, x.crossfade);
    ASSERT_EQ(size, pyo[e].size);
    double sum = 0, absSum = 0;
    for (int32_t i = 0; i < size; ++i) {  // getTable(): the samples without the guard point
      sum += table[size_t(i)];
      absSum += std::fabs(table[size_t(i)]);
    }
    EXPECT_DOUBLE_EQ(sum, pyo[e].sum);
    EXPECT_DOUBLE_EQ(absSum, pyo[e].absSum);
    for (auto [index, value] : pyo[e].samples) EXPECT_EQ(table[size_t(index)], value) << "sample " << index;
    EXPECT_EQ(table[size_t(size)], table[0]) << "guard point";
  }
}

TEST(SoundEdits, AnEditThatWouldNotFitLeavesTheTable) {
  const std::vector<float> file = tone();
  std::vector<float> table(10001, 0.0f);
  int32_t size = patchc_sound_edit(table.data(), 5000, 10000, file.data(), int32_t(file.size()), 44100.0f, 44100.0f,
                                   kSoundEditSet, 0.0f, 0.1f, 0, 0);
  ASSERT_EQ(size, 4410);
  const std::vector<float> before = table;
  // 0.2 s more (8820 frames) would make 13230 − the crossfade: more than the 10000 the buffer holds.
  EXPECT_EQ(patchc_sound_edit(table.data(), size, 10000, file.data(), int32_t(file.size()), 44100.0f, 44100.0f,
                              kSoundEditAppend, 0.0f, 0.2f, 0, 0.01f),
            size);
  EXPECT_EQ(table, before);
}

}  // namespace
