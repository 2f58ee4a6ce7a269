// MToF(input): pyo's MToF, per sample (its kernel: MToF.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::mtof {
enum Input { kInput };
inline float apply(float m) { return 440.0f * std::exp2((m - 69.0f) * (1.0f / 12.0f)); }
}  // namespace patchc::kernel::mtof

PATCHC_OBJECT(MToF) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::mtof::Input>(spec, "A MIDI note number converted to a frequency in Hz, per sample.", "440·2^((m − 69)/12); no clamp, as pyo 1.0.4 (measured MToF(Sig(1000)) = 9.96e25; later pyo clamps m to ±256)", "as pyo", 1.0f);
  spec.facts.outputRange = nonDecreasing(patchc::kernel::mtof::apply);
}
