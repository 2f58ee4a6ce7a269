// FToM(input): pyo's FToM, per sample (its kernel: FToM.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::ftom {
enum Input { kInput };
inline float apply(float f) {
  if (!(f >= 8.1758f)) f = 8.1578f;  // pyo's bound and, as pyo's, its replacement (digits swapped)
  return 12.0f * std::log2(f / 440.0f) + 69.0f;
}
}  // namespace patchc::kernel::ftom

PATCHC_OBJECT(FToM) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::ftom::Input>(spec, "A frequency in Hz converted to a MIDI note number, per sample.", "12·log2(f/440) + 69; below 8.1758 Hz (MIDI 0) f counts as 8.1578, as pyo", "pyo 1.0.4 writes nothing when its input changes (a bug): an audio-rate input, or one below 8.1758 Hz, outputs 0 there; patchc converts every sample", 1.0f);
  spec.facts.outputRange = nonDecreasing(patchc::kernel::ftom::apply);
}
