// Tone(input, freq): one-pole lowpass (OnePole.h).
#include "stdlib/kernels/Tone.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Tone) { static_cast<onepole::State*>(state_)->y1 = 0.0f; }

PATCHC_KERNEL_PROCESS(Tone) { onepole::process<tone::Input>(state_, in, out, n, env, false); }
