// DCBlock(input): the first-order DC blocker y[n] = x[n] − x[n−1] + R·y[n−1], R = 0.995 (J. O. Smith,
// "Introduction to Digital Filters", DC blocker), as pyo 1.0.4.
#include "stdlib/kernels/DCBlock.h"

using namespace patchc::kernel;
using namespace patchc::kernel::dcblock;

PATCHC_KERNEL_INIT(DCBlock) {
  auto* state = static_cast<dcblock::State*>(state_);
  state->x1 = 0.0f;
  state->y1 = 0.0f;
}

PATCHC_KERNEL_PROCESS(DCBlock) {
  auto* state = static_cast<dcblock::State*>(state_);
  float x1 = state->x1, y1 = state->y1;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    y1 = x - x1 + 0.995f * y1;
    x1 = x;
    out[i] = y1;
  }
  state->x1 = x1;
  state->y1 = y1;
}
