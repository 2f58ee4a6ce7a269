// Blit(freq, harms): a band-limited impulse train (Blit.cpp): per-lane state and declaration.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::blit {

struct State {
  double angle;  // θ in radians, in [0, π): half the fundamental's phase; below 0 only after a negative freq
};

enum Input { kFreq, kHarms };

// The most harmonics patchc computes: (int) of a larger float is undefined, and more than this alias anyway.
constexpr float kMaxHarmonics = 1048576.0f;

}  // namespace patchc::kernel::blit

PATCHC_OBJECT(Blit) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::blit;
  spec.doc = "A band-limited impulse train: harms harmonics of freq, all at the same level.";
  spec.input(kFreq, signal("freq", 100.0f, "frequency in Hz"));
  spec.input(kHarms, signal("harms", 40.0f, "number of harmonics (its whole part)"));
  spec.facts = oscillatorFacts(3.0f);
  spec.facts.outputRange = always({-1.0f, 1.0f});
  spec.stateBytes = sizeof(State);
  spec.generator = true;
  spec.algorithm =
      "the Dirichlet kernel sin(mθ)/(m sin θ), m = 2·⌊harms⌋ + 1, θ stepping π·freq/sr in [0, π) from 0, in "
      "double: a peak of 1 each period, harmonics 1..⌊harms⌋ at 2/m each, DC 1/m";
  spec.differences = "as pyo (pyo keeps θ in float); harms beyond ±2^20 counts as ±2^20";
}
