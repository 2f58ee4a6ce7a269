// DBToA(input): pyo's DBToA, per sample (its kernel: DBToA.cpp; what it shares with the other one-input functions:
// UnaryMath.h).
#pragma once

#include "stdlib/kernels/UnaryMath.h"

namespace patchc::kernel::dbtoa {
enum Input { kInput };
inline float apply(float db) { return db <= -120.0f ? 0.0f : std::pow(10.0f, db * 0.05f); }
}  // namespace patchc::kernel::dbtoa

PATCHC_OBJECT(DBToA) {
  using namespace patchc::declare;
  unaryFunction<patchc::kernel::dbtoa::Input>(spec, "Decibels converted to an amplitude, per sample (0 dB is 1).", "10^(dB/20); 0 for −120 dB or less, as pyo", "as pyo", 1.0f);
  spec.facts.outputRange = nonDecreasing(patchc::kernel::dbtoa::apply);
}
