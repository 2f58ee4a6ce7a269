// Beat(time, taps, w1, w2, w3, poly, onlyonce): a random rhythm of `taps` taps, drawn once and repeated (Beat.cpp,
// Beats.h).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Beats.h"
#include "stdlib/kernels/RandomClock.h"

namespace patchc::kernel::beat {

enum Input { kTime, kTaps, kW1, kW2, kW3, kPoly, kOnlyonce, kPlaying };

}  // namespace patchc::kernel::beat

namespace patchc::declare {

// Beat's and Euclide's named streams (pyo's obj['tap'], ...), which patchc does not compute yet: only the triggers.
inline std::vector<std::string> beatStreamsNotYet() { return {"tap", "amp", "dur", "end"}; }

// Beat's and Euclide's `taps` and `poly`.
inline InputSpec beatTaps(const char* doc) {
  return within(constant("taps", 16.0f, doc),
                {1.0f, 64.0f, true, "pyo 1.0.4 makes no measure; patchc neither (silent)",
                 "pyo 1.0.4 writes past its 64 taps; patchc clamps it to 64",
                 "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part"});
}
inline InputSpec beatPoly() {
  return within(constant("poly", 1.0f, "voices the triggers go round (patchc makes one)"),
                {1.0f, 1.5f, true, "pyo 1.0.4 makes no voice; patchc one",
                 "pyo 1.0.4 sends the triggers to poly streams in turn; patchc makes one (not supported yet)",
                 "pyo 1.0.4 refuses it (it takes an int); patchc makes one voice"});
}

}  // namespace patchc::declare

PATCHC_OBJECT(Beat) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::beat;
  const ValidRange percent{0.0f, 100.0f, true, "pyo 1.0.4 and patchc then never trigger there",
                           "pyo 1.0.4 and patchc then always trigger there",
                           "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part"};
  spec.doc = "A random rhythm: a measure of `taps` taps, `time` seconds apart, each on with the probability of its "
             "place in the measure (w1 downbeats, w2 half-bar beats, w3 the others), drawn once and repeated; "
             "starts with play().";
  spec.input(kTime, signal("time", 0.125f, "time between taps in seconds"));
  spec.input(kTaps, beatTaps("taps in a measure (at most 64); its divisor 7, 6, 5, 4, 3 or 2 sets the accents"));
  spec.input(kW1, within(constant("w1", 80.0f, "the chance, in percent, of a tap on each downbeat"), percent));
  spec.input(kW2, within(constant("w2", 50.0f, "the chance, in percent, of a tap on each secondary beat"), percent));
  spec.input(kW3, within(constant("w3", 30.0f, "the chance, in percent, of a tap elsewhere"), percent));
  spec.input(kPoly, beatPoly());
  spec.input(kOnlyonce, constant("onlyonce", 0.0f, "1: play one measure, then stop"));
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.2f);
  spec.facts.deterministic = false;
  spec.stateBytes = sizeof(kernel::beats::State);
  spec.generator = true;
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm =
      "at init each tap i is on when trunc(100·u) < its weight (u uniform in [0, 1)): with the measure's divisor d "
      "(the first of 7, 6, 5, 4, 3, 2 that divides taps), w1 where i mod d = 0, w2 where i mod d is 3 (d = 6, 5), 2 "
      "(d = 4) or 2 and 4 (d = 7), w3 elsewhere; taps with none of these divisors (1, 11, 13, ...) are never on. "
      "The taps then come as Beats.h's clock says";
  spec.differences = "pyo 1.0.4's tap samples and weights (measured); a different random generator (xorshift32 "
                     "per lane, seeded like `Noise`): other patterns of the same odds. poly > 1 is not supported "
                     "(one voice)";
  spec.streamsNotYet = beatStreamsNotYet();
}
