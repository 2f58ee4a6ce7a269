// Bendin(brange, scale, channel): the pitch bend, in semitones or as a transposition factor (Bendin.cpp).
#pragma once

#include "stdlib/kernels/MidiValue.h"

namespace patchc::kernel::bendin {
enum Input { kBrange, kScale, kChannel, kMidi };
}

PATCHC_OBJECT(Bendin) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::bendin;
  spec.doc = "The MIDI pitch bend: semitones in -brange..brange (scale 0) or a transposition factor (scale 1).";
  spec.input(kBrange, constant("brange", 2.0f, "the bend's range in semitones, each way"));
  spec.input(kScale, constant("scale", 0.0f, "0: semitones; 1: transposition factor 2^(semitones/12)"));
  heldMidiValue(spec, kChannel, kMidi);
  spec.algorithm = "at each pitch bend (on the channel), from its sample on: v = (bend − 8192) / 8192 · brange; "
                   "scale 0: v, scale 1: 1.0594630943593^v. Before the first: 0 (scale 0) or 1 (scale 1)";
  spec.differences = kHeldMidiValueDifferences;
}
