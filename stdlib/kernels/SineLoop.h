// SineLoop(freq, feedback): per-lane state.
#pragma once

namespace patchc::kernel::sineloop {

struct State {
  double phase;      // accumulated phase in cycles, in [0, 1)
  float lastOutput;  // y[n-1], fed back into the phase
};

}  // namespace patchc::kernel::sineloop
