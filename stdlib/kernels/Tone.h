// Tone(input, freq): pyo's one-pole lowpass (its kernel: Tone.cpp; what it shares with Atone: OnePole.h).
#pragma once

#include "stdlib/kernels/OnePole.h"

namespace patchc::kernel::tone {
enum Input { kInput, kFreq };
}

PATCHC_OBJECT(Tone) {
  patchc::declare::onePoleFilter<patchc::kernel::tone::Input>(spec, "A first-order recursive lowpass filter.",
                                                              "cutoff frequency in Hz (−3 dB)");
}
