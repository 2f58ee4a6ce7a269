// Sine(freq, phase): per-lane state.
#pragma once

namespace patchc::kernel::sine {

struct State {
  double phase;  // accumulated phase in cycles, in [0, 1); double keeps a 440 Hz tone exact over hours
};

}  // namespace patchc::kernel::sine
