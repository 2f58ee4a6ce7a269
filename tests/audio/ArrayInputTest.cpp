// Objects whose inputs are numbers read while compiling: a sound file (SfPlayer) and breakpoints (Linseg), and
// envelopes that start only when play() or out() says so.
#include "elab/SoundFile.h"
#include "tests/audio/PatchRender.h"
#include "tests/support/Analysis.h"

namespace patchc::test {
namespace {

TEST(ArrayInputs, SfPlayerPlaysTheSoundOfSndsPath) {
  auto r = renderPatch("src = SfPlayer(SNDS_PATH + '/transparent.aif').out()\n", 3.5);
  ASSERT_TRUE(r.patch);
  auto file = elab::readSoundFile(elab::soundsPath() + "/transparent.aif", "", UINT64_MAX);
  ASSERT_TRUE(file.error.empty()) << file.error;
  ASSERT_EQ(file.channels.size(), 1u);
  const auto& expected = file.channels[0];
  ASSERT_GT(peakAbs(expected), 0.1);
  for (size_t i = 0; i < expected.size(); ++i) ASSERT_NEAR(r.channels[0][i], expected[i], 1e-6) << "sample " << i;
  // Without loop=True it ends with the file.
  EXPECT_LT(peakAbs(r.channels[0], expected.size() + 10), 1e-9);
}

TEST(ArrayInputs, AMissingSoundFileIsAnErrorAtItsArgument) {
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  auto patch = compilePatch(std::make_unique<SourceFile>("t.patch", "src = SfPlayer('nowhere.wav').out()\n"),
                            diagnostics, {});
  EXPECT_FALSE(patch);
  EXPECT_NE(messages.str().find("t.patch:1:16: error: cannot read the sound file 'nowhere.wav'"), std::string::npos)
      << messages.str();
}

TEST(ArrayInputs, LinsegFollowsItsBreakpointsOnceStarted) {
  auto started = renderPatch("l = Linseg([(0, 0), (0.5, 1), (1, 0.25)]).play()\nm = Sig(l).out()\n", 1.2);
  const double sr = started.sampleRate;
  const auto& x = started.channels[0];
  EXPECT_NEAR(x[static_cast<size_t>(0.25 * sr)], 0.5, 1e-3);
  EXPECT_NEAR(x[static_cast<size_t>(0.5 * sr)], 1.0, 1e-3);
  EXPECT_NEAR(x[static_cast<size_t>(0.75 * sr)], 0.625, 1e-3);
  EXPECT_NEAR(x[static_cast<size_t>(1.1 * sr)], 0.25, 1e-6);
  auto idle = renderPatch("l = Linseg([(0, 0), (0.5, 1)])\nm = Sig(l).out()\n", 0.5);
  EXPECT_LT(peakAbs(idle.channels[0]), 1e-9);  // never played: it stays at rest
}

}  // namespace
}  // namespace patchc::test
