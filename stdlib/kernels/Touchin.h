// Touchin(minscale, maxscale, init, channel): the MIDI channel pressure (aftertouch), scaled (Touchin.cpp).
#pragma once

#include "stdlib/kernels/MidiValue.h"

namespace patchc::kernel::touchin {
enum Input { kMinscale, kMaxscale, kInit, kChannel, kMidi };
}

PATCHC_OBJECT(Touchin) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::touchin;
  spec.doc = "The MIDI channel pressure (aftertouch), mapped from 0..127 to minscale..maxscale.";
  scaledMidiValue(spec, kMinscale, kMaxscale, kInit, kChannel, kMidi);
  spec.algorithm = "at each channel pressure message (on the channel), from its sample on: "
                   "value / 127 · (maxscale − minscale) + minscale; init before the first";
  spec.differences = kHeldMidiValueDifferences;
}
