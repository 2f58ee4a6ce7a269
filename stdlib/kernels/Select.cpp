// Select(input, value): 1 on a sample where the input equals `value` and its previous sample did not, else 0. The
// sample before the first is taken as −99, as pyo 1.0.4 does (so an input that starts at the value triggers at
// once, unless the value is −99).
#include "stdlib/kernels/Select.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::select;

PATCHC_KERNEL_INIT(Select) { static_cast<select::State*>(state_)->last = -99.0f; }

PATCHC_KERNEL_PROCESS(Select) {
  auto* state = static_cast<select::State*>(state_);
  const float value = in[kValue].value();
  float last = state->last;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    out[i] = x == value && last != value ? 1.0f : 0.0f;
    last = x;
  }
  state->last = last;
}
