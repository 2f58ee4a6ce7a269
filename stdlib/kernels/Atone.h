// Atone(input, freq): pyo's one-pole highpass (its kernel: Atone.cpp; what it shares with Tone: OnePole.h).
#pragma once

#include "stdlib/kernels/OnePole.h"

namespace patchc::kernel::atone {
enum Input { kInput, kFreq };
}

PATCHC_OBJECT(Atone) {
  patchc::declare::onePoleFilter<patchc::kernel::atone::Input>(
      spec, "A first-order recursive highpass filter: the input minus Tone's lowpass.", "cutoff frequency in Hz");
}
