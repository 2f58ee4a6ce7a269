// SuperSaw(freq, detune, bal): seven detuned sawtooths, the Roland JP-8000's "super saw" (SuperSaw.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::supersaw {

enum Input { kFreq, kDetune, kBal };

constexpr int kVoices = 7;

struct State {
  double phase[kVoices];  // each saw's value, in [−1, 1)
  float x1, x2, y1, y2;   // the highpass's histories
};

}  // namespace patchc::kernel::supersaw

PATCHC_OBJECT(SuperSaw) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::supersaw;
  spec.doc = "Seven detuned sawtooth oscillators mixed and highpassed at the frequency (the JP-8000 super saw).";
  spec.input(kFreq, within(signal("freq", 100.0f, "frequency in Hz"),
                           {1.0f, 1e9f, false, "pyo 1.0.4 and patchc take 1 Hz",
                            "pyo 1.0.4 and patchc take 0.49·sr", ""}));
  spec.input(kDetune, within(signal("detune", 0.5f, "spread of the six side saws, 0..1"), clampedAsPyo(0.0f, 1.0f)));
  spec.input(kBal, within(signal("bal", 0.7f, "level of the side saws against the centre one, 0..1"),
                          clampedAsPyo(0.0f, 1.0f)));
  spec.facts = oscillatorFacts(4.0f);
  spec.stateBytes = sizeof(kernel::supersaw::State);
  spec.generator = true;
  // The mix is within ±4.6 but the resonant highpass (Q = 1) can ring past it: no bound is declared.
  spec.algorithm =
      "seven naive saws at freq·(1 + o_j·d⁶) (o_j from −0.110023 to 0.107452, d = detune on 127 steps), the centre "
      "at 0.99785 − 0.55366·b, the sides at −0.73764·b² + 1.2841·b + 0.044372 (1.23·b below the centre), b = bal "
      "on 127 steps (Szabo's measurements of the JP-8000); an RBJ highpass at freq, Q 1; gain 0.2";
  spec.differences =
      "the same curves as pyo 1.0.4 (harmonics measured within 1 %), computed instead of tabulated";
}
