// pyo's PyoObject.set(attr, value, port=0.025) in a callback: a straight ramp of `port` seconds to the new value
// (pyo builds a VarPort; patchc routes the attribute's numbers through a SigTo whose time the call writes), while a
// plain assignment of the same attribute still jumps at once.
#include "tests/audio/PatchRender.h"

#include <string>
#include <vector>

namespace patchc::test {
namespace {

// pyo 1.0.4 (offline, buffersize 64; Sig(100), a CallAfter at 0.1 s calling sig.set("value", 200, 0.01)): the ramp
// starts at the next buffer (frame 4416) with 100.2267 (100/441 a sample), is 150.114 221 samples in, and 200 from
// 440 samples after its start. patchc starts it at the call's own frame, 4410, and ramps as its SigTo does, over
// trunc(float(port)·sr) = 440 samples (float 0.01 · 44100 = 440.99999; pyo's VarPort multiplies in doubles: 441).
TEST(SetRamp, SetRampsToTheValueOverPortSecondsAsPyo) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
sig = Sig(100)
def up():
    sig.set("value", 200, 0.01)
def down():
    sig.value = 50
a = CallAfter(up, time=0.1)
b = CallAfter(down, time=0.15)
out = Sig(sig).out()
)", 0.2);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  const auto& x = r.channels[0];
  EXPECT_FLOAT_EQ(x[4409], 100.0f);
  EXPECT_NEAR(x[4410], 100.0 + 100.0 / 440, 1e-4);
  EXPECT_NEAR(x[4410 + 220], 100.0 + 221 * 100.0 / 440, 1e-3);  // pyo: 150.114 (441 steps)
  EXPECT_NEAR(x[4410 + 438], 100.0 + 439 * 100.0 / 440, 1e-3);
  EXPECT_FLOAT_EQ(x[4410 + 439], 200.0f);
  EXPECT_FLOAT_EQ(x[6614], 200.0f);
  EXPECT_FLOAT_EQ(x[6615], 50.0f);  // the plain assignment jumps
}

// set() without a port ramps over pyo's default 0.025 s (1102 samples at 44100 Hz).
TEST(SetRamp, TheDefaultPortIsTwentyFiveMilliseconds) {
  auto r = renderPatch(R"(
s = Server(nchnls=1)
sig = Sig(0)
def up():
    sig.set("value", 1)
a = CallAfter(up, time=0.1)
out = Sig(sig).out()
)", 0.2);
  ASSERT_TRUE(r.patch) << r.diagnostics;
  const auto& x = r.channels[0];
  EXPECT_NEAR(x[4410], 1.0 / 1102, 1e-6);
  EXPECT_LT(x[4410 + 1100], 1.0f);
  EXPECT_FLOAT_EQ(x[4410 + 1101], 1.0f);
}

}  // namespace
}  // namespace patchc::test
