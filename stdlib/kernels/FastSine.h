// FastSine(freq, initphase, quality): per-lane state.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>

namespace patchc::kernel::fastsine {

struct State {
  double phase;      // accumulated phase in cycles, in [0, 1)
  float refinement;  // quality as a weight, set at init: 1 refines, 0 does not. Per lane, because one lane block
                     // may hold lanes of either quality (FastSine(quality=[0, 1])).
};

// Parabolic approximations of sin(π t) for t in [-1, 1].
// quality 0: 4 t (1 - |t|), max error 0.056.
// quality 1: the parabola refined by y + 0.225 (y |y| - y), max error 0.0011.
// The refinement is weighted (0 or 1) so that lanes of both qualities run in one vector loop: y + 1·r is y + r
// exactly, and y + 0·r is y.
inline float parabolicSine(float t, float refinement) {
  float y = 4.0f * t * (1.0f - std::fabs(t));
  return y + refinement * (0.225f * (y * std::fabs(y) - y));
}

enum Input { kFreq, kInitphase, kQuality };

}  // namespace patchc::kernel::fastsine

PATCHC_OBJECT(FastSine) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::fastsine;
  spec.doc = "A fast sine approximation from a parabola.";
  spec.input(kFreq, signal("freq", 1000.0f, "frequency in Hz"));
  spec.input(kInitphase, within(constant("initphase", 0.0f, "initial phase in cycles, 0..1, read at init only"),
                                {0.0f, 1.0f, false, "pyo 1.0.4 clamps it to 0; patchc wraps it to its fractional part",
                                 "pyo 1.0.4 clamps it to 1; patchc wraps it to its fractional part", ""}));
  spec.input(kQuality,
             within(constant("quality", 1.0f, "1: refined parabola (error < 0.0011), 0: plain parabola (< 0.056)"),
                    {0.0f, 1.0f, true, "pyo 1.0.4 and patchc use 0", "pyo 1.0.4 and patchc use 1",
                     "pyo 1.0.4 refuses it (quality takes an int); patchc uses 1 from 0.5 up"}));
  spec.facts = oscillatorFacts(0.5f);
  spec.stateBytes = sizeof(kernel::fastsine::State);
  spec.generator = true;
  spec.facts.outputRange = always({-1.0f, 1.0f});
  spec.algorithm = "parabola `4t(1-";
  spec.differences = "t";
}
