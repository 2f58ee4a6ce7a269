// AToDB(input): pyo's AToDB, per sample (its kernel: AToDB.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::atodb {
enum Input { kInput };
inline float apply(float amp) { return amp <= 0.000001f ? -120.0f : 20.0f * std::log10(amp); }
}  // namespace patchc::kernel::atodb

PATCHC_OBJECT(AToDB) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::atodb::Input>(spec, "An amplitude converted to decibels, per sample (1 is 0 dB).", "20·log10(a); −120 for an amplitude of 1e-6 or less, as pyo", "as pyo", 1.0f);
  spec.facts.outputRange = nonDecreasing(patchc::kernel::atodb::apply);
}
