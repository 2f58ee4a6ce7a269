// Trig(playing): a trigger, 1.0 on one sample. pyo 1.0.4's Trig is running from its creation (it needs no
// play()) and triggers on its first sample (measured: sample 0); each play() arms it again for the next sample
// it computes; stop() silences it (its output 0) until the next play(). `playing` is the play()/stop()
// convention's hidden input (0: never played, which for Trig is running; n after the n-th play(), −n after a
// stop()).
#include "stdlib/kernels/Trigger.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::trigger;

PATCHC_KERNEL_INIT(Trig) {
  auto* state = static_cast<trigger::State*>(state_);
  state->lastPlaying = 0.0f;
  state->armed = true;
}

PATCHC_KERNEL_PROCESS(Trig) {
  auto* state = static_cast<trigger::State*>(state_);
  const float playing = in[kPlaying].value();
  if (playing > 0.0f && playing != state->lastPlaying) state->armed = true;  // a play()
  state->lastPlaying = playing;
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  if (playing < 0.0f || n == 0) return;  // stopped
  if (state->armed) {
    out[0] = 1.0f;
    state->armed = false;
  }
}
