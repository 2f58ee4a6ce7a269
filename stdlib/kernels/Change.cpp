// Change(input): 1 on a sample where the input is more than 0.00001 away from the value it had at the last change
// (0 before any), which then becomes that value; else 0. As pyo 1.0.4: a slow ramp triggers each time it has moved
// 0.00001, a steady signal never.
#include "stdlib/kernels/Change.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::change;

PATCHC_KERNEL_INIT(Change) { static_cast<change::State*>(state_)->last = 0.0f; }

PATCHC_KERNEL_PROCESS(Change) {
  auto* state = static_cast<change::State*>(state_);
  float last = state->last;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    const bool changed = x < last - 0.00001f || x > last + 0.00001f;
    out[i] = changed ? 1.0f : 0.0f;
    if (changed) last = x;
  }
  state->last = last;
}
