// Thresh(input, threshold, dir): pyo 1.0.4's crossing detector (measured on Phasor(100) at threshold 0.5: dir 0
// on samples 221, 662, 1103, ...; dir 1 on 441, 882, ...; dir 2 on 0, 221, 441, 662, ...). It starts not ready:
//   dir 0: a sample above the threshold triggers when ready and unreadies it; one at or below readies it.
//   dir 1: the mirror: below triggers when ready; at or above readies.
//   dir 2: above triggers when ready and unreadies; at or below triggers when not ready and readies (so an input
//          that starts at or below the threshold triggers on its first sample).
// Another dir never triggers.
#include "stdlib/kernels/Thresh.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::thresh;

PATCHC_KERNEL_INIT(Thresh) { static_cast<thresh::State*>(state_)->ready = 0.0f; }

PATCHC_KERNEL_PROCESS(Thresh) {
  auto* state = static_cast<thresh::State*>(state_);
  const float dirValue = in[kDir].value();
  const int dir = dirValue >= 0.0f && dirValue < 3.0f ? static_cast<int>(dirValue) : -1;
  bool ready = state->ready != 0.0f;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i], threshold = in[kThreshold][i];
    float y = 0.0f;
    if (dir == 0 || dir == 2) {
      if (x > threshold && ready) {
        y = 1.0f;
        ready = false;
      } else if (x <= threshold && !ready) {
        ready = true;
        if (dir == 2) y = 1.0f;
      }
    } else if (dir == 1) {
      if (x < threshold && ready) {
        y = 1.0f;
        ready = false;
      } else if (x >= threshold && !ready) {
        ready = true;
      }
    }
    out[i] = y;
  }
  state->ready = ready ? 1.0f : 0.0f;
}
