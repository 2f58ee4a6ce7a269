// Sine(freq, phase): per-lane state.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::sine {

struct State {
  double phase;  // accumulated phase in cycles, in [0, 1); double keeps a 440 Hz tone exact over hours
};

enum Input { kFreq, kPhase };

}  // namespace patchc::kernel::sine

PATCHC_OBJECT(Sine) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::sine;
  spec.doc = "A sine wave oscillator.";
  // pyo 1.0.4 adds phase · 512 to its table index and wraps it once: from 2 up, or below 0, it reads outside
  // its table.
  spec.input(kFreq, signal("freq", 1000.0f, "frequency in Hz"));
  spec.input(
      kPhase,
      within(
          signal("phase", 0.0f, "phase offset in cycles, 0..1"),
          {0.0f, 1.0f, false,
           "pyo 1.0.4 then reads outside its sine table (undefined output); patchc wraps it to its fractional part",
           "pyo 1.0.4 wraps it once and reads outside its sine table from 2 up; patchc wraps it to its fractional part",
           ""}));
  spec.facts = oscillatorFacts(1.0f);
  spec.stateBytes = sizeof(kernel::sine::State);
  spec.generator = true;
  spec.facts.outputRange = always({-1.0f, 1.0f});
  // -Ofast's fast-trig: FastSine(freq, initphase=phase, quality=1), within 0.0011 of it.
  spec.facts.substitute = Substitute{"FastSine",
                                     {{"freq", "freq"}, {"initphase", "phase", 0.0f, true}, {"quality", "", 1.0f}},
                                     0.0011,
                                     "FastSine's polynomial",
                                     "exact sine",
                                     2.5e-7};
  spec.algorithm =
      "`sin(2π(φ + phase))` by a polynomial (error 2.5e-7); phase in float within a 64-sample "
      "block, in double between blocks (`PhaseAccumulator.h`)";
  spec.differences =
      "exact sine to float precision; pyo reads a 512-point table with a float phase "
      "(differences ~6e-5)";
}
