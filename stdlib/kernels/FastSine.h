// FastSine(freq, initphase, quality): per-lane state.
#pragma once

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

}  // namespace patchc::kernel::fastsine
