// Lorenz(pitch, chaos): per-lane state.
#pragma once

namespace patchc::kernel::lorenz {

struct State {
  double x, y, z;  // the point on the attractor (the system's own units)
};

}  // namespace patchc::kernel::lorenz
