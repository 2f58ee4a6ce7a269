// Atone(input, freq): the input minus the one-pole lowpass (OnePole.h).
#include "stdlib/kernels/Atone.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Atone) { static_cast<onepole::State*>(state_)->y1 = 0.0f; }

PATCHC_KERNEL_PROCESS(Atone) { onepole::process<atone::Input>(state_, in, out, n, env, true); }
