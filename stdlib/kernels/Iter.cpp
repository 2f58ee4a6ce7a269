// Iter(input, choice, init): on each sample where the input is exactly 1 (a trigger) the output becomes the
// list's next number (the first on the first trigger, back to the first after the last) and holds; init before the
// first trigger. As pyo 1.0.4 (measured: Iter(Metro(0.01), [1.5, 2.5, 3.5], init=7) is 1.5 from sample 0, 2.5 from
// 443, 3.5 from 884, 1.5 from 1325).
#include "stdlib/kernels/Iter.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::iter;

PATCHC_KERNEL_INIT(Iter) {
  auto* state = static_cast<iter::State*>(state_);
  state->next = 0;
  state->value = in[kInit].value();
}

PATCHC_KERNEL_PROCESS(Iter) {
  auto* state = static_cast<iter::State*>(state_);
  const float* numbers = in[kChoice].p;
  const int count = in[kChoice].count();
  int32_t next = state->next;
  float value = state->value;
  for (int i = 0; i < n; ++i) {
    if (in[kInput][i] == 1.0f && count > 0) {
      if (next >= count) next = 0;
      value = numbers[next++];
    }
    out[i] = value;
  }
  state->next = next;
  state->value = value;
}
