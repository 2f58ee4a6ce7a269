// SumOsc(freq, ratio, index): discrete summation formula synthesis (Moorer), as pyo 1.0.4 (SumOsc.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <algorithm>

namespace patchc::kernel::sumosc {

enum Input { kFreq, kRatio, kIndex };

struct State {
  double carrier;    // θ's phase in cycles, [0, 1)
  double modulator;  // β's phase in cycles, [0, 1)
  float dcIn;        // the DC blocker's x[n−1]
  float dcOut;       // ... and y[n−1]
};

}  // namespace patchc::kernel::sumosc

PATCHC_OBJECT(SumOsc) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::sumosc;
  spec.doc = "Discrete summation formula synthesis: an infinite series of partials freq + k·ratio·freq whose "
             "amplitudes fall as index^k.";
  spec.input(kFreq, signal("freq", 100.0f, "base frequency in Hz"));
  spec.input(kRatio, signal("ratio", 0.5f, "partial spacing as a ratio of freq"));
  spec.input(kIndex, within(signal("index", 0.5f, "brightness 0..1: the ratio of a partial's amplitude to the "
                                                  "previous one's"),
                            clampedAsPyo(0.0f, 0.999f)));
  spec.facts = oscillatorFacts(3.0f);
  spec.stateBytes = sizeof(kernel::sumosc::State);
  spec.generator = true;
  // The series' sum is at most 1/(1 − a) (a the index), scaled by 1 − a² after a DC blocker whose impulse
  // response sums to 2 in absolute value: |out| ≤ 2(1 + a) ≤ 4 for a constant index. An index that moves at run
  // time can leave a large sum of a high index in the blocker while the scale falls: no bound then.
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range index = q.input(kIndex);
    if (!index || index->low != index->high) return std::nullopt;
    const float a = !(index->low >= 0.0f) ? 0.0f : std::min(index->low, 0.999f);  // as the kernel clamps
    const float bound = 2.0f * (1.0f + a) * 1.001f;  // slack for float rounding in the blocker
    return Interval{-bound, bound};
  };
  spec.algorithm =
      "Moorer's closed form (sin θ − a·sin(θ − β)) / (1 + a² − 2a·cos β), θ at freq, β at ratio·freq, exact "
      "sin/cos in double, then a DC blocker (pole 0.995) and the gain 1 − a²";
  spec.differences =
      "pyo 1.0.4 reads a 512-point sine table with linear interpolation (harmonics measured within 1 %)";
}
