// NextTrig: its gate's samples exact against pyo 1.0.4.
//
// Measured with pyo 1.0.4 (/usr/bin/python3), offline server at 44100 Hz, buffersize 64, 32-bit float WAV of
// Sig(obj) (the output fade-in divided out by a Sig(1) channel), triggers where the sample is 1:
//   NextTrig(Metro(0.01).play(), Metro(0.025).play()): 443, 1325, 2648, 3530, 4853, 5735, 7058, 7940
//   NextTrig(Metro(0.01).play(), Metro(0.01).play()): 443, 884, 1325, ... (each trigger of both opens the gate
//   after input's own trigger was refused)
#include <gtest/gtest.h>

#include "tests/unit/stdlib/TriggerSamples.h"

namespace patchc::stdlibtest {
namespace {

TEST(NextTrig, PassesTheFirstTriggerAfterEachOpening) {
  const int count = 8000;
  EXPECT_EQ(triggerSamples(render("NextTrig", {Input::signal(metroTrain(0.01f, count)),
                                               Input::signal(metroTrain(0.025f, count))},
                                  count)),
            (std::vector<int>{443, 1325, 2648, 3530, 4853, 5735, 7058, 7940}));
  const std::vector<int> same = triggerSamples(
      render("NextTrig", {Input::signal(metroTrain(0.01f, 2000)), Input::signal(metroTrain(0.01f, 2000))}, 2000));
  EXPECT_EQ(same, (std::vector<int>{443, 884, 1325, 1766}));
}

}  // namespace
}  // namespace patchc::stdlibtest
