// NextTrig(input, input2): a gate, closed at the start. On each sample, input's trigger (a sample equal to 1)
// passes if the gate is open, and closes it; then input2's trigger opens it. As pyo 1.0.4 (measured with
// input = Metro(0.01), input2 = Metro(0.025), both triggering on sample 0: 443, 1325, 2648, ...: input's trigger
// on sample 0 finds the gate still closed).
#include "stdlib/kernels/NextTrig.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::nexttrig;

PATCHC_KERNEL_INIT(NextTrig) { static_cast<nexttrig::State*>(state_)->open = 0.0f; }

PATCHC_KERNEL_PROCESS(NextTrig) {
  auto* state = static_cast<nexttrig::State*>(state_);
  bool open = state->open != 0.0f;
  for (int i = 0; i < n; ++i) {
    float y = 0.0f;
    if (open && in[kInput][i] == 1.0f) {
      y = 1.0f;
      open = false;
    }
    if (in[kInput2][i] == 1.0f) open = true;
    out[i] = y;
  }
  state->open = open ? 1.0f : 0.0f;
}
