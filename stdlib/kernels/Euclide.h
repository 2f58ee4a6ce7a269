// Euclide(time, taps, onsets, poly): a Euclidean rhythm, `onsets` triggers spread as evenly as they can be over a
// measure of `taps` taps, repeated (Euclide.cpp, Beats.h).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Beat.h"
#include "stdlib/kernels/Beats.h"

namespace patchc::kernel::euclide {

enum Input { kTime, kTaps, kOnsets, kPoly, kPlaying };

}  // namespace patchc::kernel::euclide

PATCHC_OBJECT(Euclide) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::euclide;
  spec.doc = "A Euclidean rhythm: `onsets` triggers as evenly spread as they can be over a measure of `taps` taps, "
             "`time` seconds apart, repeated; starts with play().";
  spec.input(kTime, signal("time", 0.125f, "time between taps in seconds"));
  spec.input(kTaps, beatTaps("taps in a measure (at most 64)"));
  spec.input(kOnsets, within(constant("onsets", 10.0f, "taps that trigger in each measure"),
                             {1.0f, 64.0f, true, "pyo 1.0.4 and patchc make one onset",
                              "pyo 1.0.4 and patchc make every tap an onset (at most taps)",
                              "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part"}));
  spec.input(kPoly, beatPoly());
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.2f);
  spec.stateBytes = sizeof(kernel::beats::State);
  spec.generator = true;
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm =
      "pyo's pattern: onsets clamped to [1, taps]; from `onsets` groups [1] and `taps − onsets` groups [0], "
      "Bjorklund's pairing (append the remainder groups to the first ones while more than one remains) gives the "
      "pattern read left to right, tap 0 always on; the taps then come as Beats.h's clock says";
  spec.differences = "the same patterns and tap samples as pyo 1.0.4 (measured: 16/10, 8/3, 12/5, 13/5). poly > 1 "
                     "is not supported (one voice)";
  spec.streamsNotYet = beatStreamsNotYet();
}
