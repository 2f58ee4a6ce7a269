// Pointer2(table, index, interp, autosmooth): Pointer with a choice of interpolation and a low-pass that follows
// the reading speed (Pointer2.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/TableValues.h"

namespace patchc::kernel::pointer2 {

struct State {
  float y1, y2;    // the two one-pole low-passes' outputs (0 at first, as pyo's)
  double last;     // the previous read position, in samples (0 at first)
};

enum Input { kTable, kIndex, kInterp, kAutosmooth, kTableSampleRate };

}  // namespace patchc::kernel::pointer2

PATCHC_OBJECT(Pointer2) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::pointer2;
  spec.doc = "Reads a table at a position given as a signal (0 the start, 1 the end), with a choice of interpolation "
             "and a low-pass that follows the reading speed.";
  spec.input(kTable, table("table", "the table read (each channel gives a stream)"));
  spec.input(kIndex, audio("index", "the position, as a fraction of the table's length"));
  spec.input(kInterp, within(constant("interp", 4.0f, "interpolation: 1 none, 2 linear, 3 cosine, 4 cubic"),
                             {1.0f, 4.0f, true, "pyo 1.0.4 has no interpolation below 1; patchc uses 1 (none)",
                              "pyo 1.0.4 has no interpolation above 4; patchc uses 4 (cubic)",
                              "pyo 1.0.4 refuses it (interp takes an int); patchc uses its whole part"}));
  spec.input(kAutosmooth, constant("autosmooth", 1.0f,
                                   "1: a low-pass at 0.45 × the table's rate × the position's step (in samples), "
                                   "when the step is below 1, against the aliasing of slow reads"));
  spec.input(kTableSampleRate, hidden("tableSampleRate", 0.0f, "the table's sample rate (0: the server's)"));
  spec.facts = oscillatorFacts(1.5f);
  spec.facts.timeInvariant = false;  // the low-pass's state follows the position's history from 0
  // The low-passes average the reads and their start at 0. Linear, cosine and no interpolation stay within the
  // table's numbers; cubic weighs four of them (two may be extrapolated, 2a − b: up to 3·A, A = the largest
  // |number|) by coefficients whose absolute sum is at most 1.25: within ±3.75·A.
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range interp = q.input(kInterp);
    Range values = withinTable(kTable, true)(q);
    if (!interp || !values) return std::nullopt;
    if (interp->high < 4.0f) return values;
    const float bound = 3.75f * values->magnitude() * (1.0f + 1e-5f);
    return Interval{-bound, bound};
  };
  spec.stateBytes = sizeof(State);
  spec.algorithm =
      "index·size wrapped into [0, size), read with pyo's interpolation; with autosmooth, where the position moved "
      "d < 1 samples since the last one, two one-pole low-passes in series with the coefficient exp(−2π·0.45·d·"
      "tableRate/sr), as pyo's";
  spec.differences = "as pyo";
}
