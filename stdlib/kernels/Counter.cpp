// Counter(input, min, max, dir): on each sample where the input is exactly 1 (a trigger), the output becomes the
// count and the count steps; between triggers the output holds (0 before the first). As pyo 1.0.4 does (its counts
// are whole numbers):
//   dir 0: min, min + 1, ..., max − 1, min, ...             (up; at max back to min)
//   dir 1: max − 1, max − 2, ..., min, max − 1, ...         (down; below min back to max − 1)
//   dir 2: min, ..., max − 1, max − 2, ..., min + 1, min, min + 1, ...   (back and forth)
// min, max and dir are numbers (pyo takes ints; patchc their whole parts); another dir never counts.
#include "stdlib/kernels/Counter.h"

#include "stdlib/Kernel.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::counter;

namespace {

int64_t wholePart(float x) {
  if (!(std::fabs(x) < 9.0e18f)) return 0;  // NaN or beyond int64: 0
  return static_cast<int64_t>(x);
}

}  // namespace

PATCHC_KERNEL_INIT(Counter) {
  auto* state = static_cast<counter::State*>(state_);
  const int64_t dir = wholePart(in[kDir].value());
  state->next = dir == 1 ? wholePart(in[kMax].value()) - 1 : wholePart(in[kMin].value());
  state->step = 1;
  state->value = 0.0f;
}

PATCHC_KERNEL_PROCESS(Counter) {
  auto* state = static_cast<counter::State*>(state_);
  const int64_t min = wholePart(in[kMin].value()), max = wholePart(in[kMax].value());
  const int64_t dir = wholePart(in[kDir].value());
  int64_t next = state->next;
  float value = state->value;
  for (int i = 0; i < n; ++i) {
    if (in[kInput][i] == 1.0f && dir >= 0 && dir <= 2) {
      value = static_cast<float>(next);
      if (dir == 0) {
        if (++next >= max) next = min;
      } else if (dir == 1) {
        if (--next < min) next = max - 1;
      } else {
        next += state->step;
        if (next >= max) {
          state->step = -1;
          next = max - 2;
        }
        if (next <= min) {
          state->step = 1;
          next = min;
        }
      }
    }
    out[i] = value;
  }
  state->next = next;
  state->value = value;
}
