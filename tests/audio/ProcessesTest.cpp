// The manual's multiprocessing recipe compiles into one patch: processes started from the script play what their
// run() made, sample for sample as the same objects made in the script itself would.
#include "tests/audio/PatchRender.h"

#include <gtest/gtest.h>

#include <cmath>

namespace patchc::test {
namespace {

double rms(const std::vector<float>& x) {
  double sum = 0;
  for (float v : x) sum += double(v) * v;
  return std::sqrt(sum / double(x.size()));
}

TEST(Processes, AProcessPlaysWhatItsRunMadeAsTheScriptWouldHave) {
  // The manual's script (its 500 sines per process made 20) and its single-process equivalent, with the same seed:
  // the same random frequencies in the same order.
  const std::string processes = R"(
import time
import multiprocessing
from random import uniform, seed
from pyo import Server, SineLoop
seed(7)
class Group(multiprocessing.Process):
    def __init__(self, num_of_sines):
        super(Group, self).__init__()
        self.daemon = True
        self._terminated = False
        self.num_of_sines = num_of_sines
    def run(self):
        self.server = Server()
        self.server.deactivateMidi()
        self.server.boot().start()
        freqs = [uniform(400,800) for i in range(self.num_of_sines)]
        self.oscs = SineLoop(freq=freqs, feedback=0.1, mul=.005).out()
        while not self._terminated:
            time.sleep(0.001)
        self.server.stop()
    def stop(self):
        self._terminated = True
if __name__ == '__main__':
    jobs = [Group(20) for i in range(4)]
    [job.start() for job in jobs]
)";
  const std::string script = R"(
from random import uniform, seed
seed(7)
s = Server().boot()
oscs = [SineLoop(freq=[uniform(400,800) for i in range(20)], feedback=0.1, mul=.005).out() for j in range(4)]
s.start()
)";
  Rendered a = renderPatch(processes, 0.5), b = renderPatch(script, 0.5);
  ASSERT_TRUE(a.patch && b.patch);
  ASSERT_EQ(a.channels.size(), 2u);
  ASSERT_EQ(a.channels, b.channels);
  // 40 sines of amplitude 0.005 a channel, at unrelated frequencies: about 0.005 * sqrt(40 / 2).
  EXPECT_GT(rms(a.channels[0]), 0.5 * 0.005 * std::sqrt(20.0));
}

TEST(Processes, ATargetRunsWithItsArguments) {
  const std::string processes = R"(
from multiprocessing import Process
def voice(freq, mul=0.1):
    Sine(freq, mul=mul).out()
p = Process(target=voice, args=(440,), kwargs={'mul': 0.25})
p.start()
p.join()
)";
  Rendered a = renderPatch(processes, 0.2), b = renderPatch("Sine(440, mul=0.25).out()", 0.2);
  ASSERT_TRUE(a.patch && b.patch);
  EXPECT_EQ(a.channels, b.channels);
}

}  // namespace
}  // namespace patchc::test
