// FastSine(freq, initphase, quality): per-lane state.
#pragma once

#include <cmath>

namespace patchc::kernel::fastsine {

struct State {
  double phase;  // accumulated phase in cycles, in [0, 1)
};

// Parabolic approximations of sin(π t) for t in [-1, 1].
// quality 0: 4 t (1 - |t|), max error 0.056.
// quality 1: the parabola refined by y + 0.225 (y |y| - y), max error 0.0011.
inline float parabolicSine(float t, bool refined) {
  float y = 4.0f * t * (1.0f - std::fabs(t));
  if (refined) y = y + 0.225f * (y * std::fabs(y) - y);
  return y;
}

}  // namespace patchc::kernel::fastsine
