// Granulator(table, env, pitch, pos, dur, grains, basedur, tableSampleRate): overlapping grains read from a table
// (Granulator.cpp).
#pragma once

#include "stdlib/CheckedSize.h"
#include "stdlib/Declare.h"

namespace patchc::kernel::granulator {

// Followed by `grains` Grains.
struct State {
  float phase;  // the grains' common phase, in [0, 1)
  float padding[3];
};
struct Grain {
  float start;     // where in the table the grain started (samples), taken when it starts
  float length;    // its length in samples of the table, taken when it starts
  float offset;    // its phase offset from the common phase
  float lastPhase; // its phase at the previous sample: a smaller one starts a new grain
};

enum Input { kTable, kEnv, kPitch, kPos, kDur, kGrains, kBasedur, kTableSampleRate };

inline int grainCount(float grains) { return grains < 1.0f ? 1 : grains > 4096.0f ? 4096 : static_cast<int>(grains); }

}  // namespace patchc::kernel::granulator

PATCHC_OBJECT(Granulator) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::granulator;
  spec.doc = "Granular synthesis: grains of a table, each shaped by an envelope table, overlapping evenly.";
  spec.input(kTable, table("table", "the sound the grains are read from"));
  spec.input(kEnv, table("env", "the grains' envelope (HannTable, WinTable, ...)"));
  spec.input(kPitch, signal("pitch", 1.0f, "speed of the grains' reading: 1 the original pitch"));
  spec.input(kPos, signal("pos", 0.0f, "where a grain starts in the table, in samples (taken when it starts)"));
  spec.input(kDur, signal("dur", 0.1f, "a grain's length in seconds of the table (taken when it starts)"));
  spec.input(kGrains, within(constant("grains", 8.0f, "number of overlapping grains"),
                             {1.0f, 4096.0f, true, "pyo 1.0.4 then makes no grain (silence); patchc makes 1",
                              "pyo 1.0.4 makes them all; patchc makes 4096",
                              "pyo 1.0.4 refuses it (grains takes an int); patchc uses its whole part"}));
  spec.input(kBasedur, signal("basedur", 0.1f, "the grain duration (s) at which a grain is not transposed"));
  spec.input(kTableSampleRate, hidden("tableSampleRate", 0.0f, "the table's sample rate (0: the server's)"));
  spec.facts = oscillatorFacts(4.0f);
  spec.facts.timeInvariant = false;
  spec.facts.deterministic = false;  // the grains' offsets are jittered from the seed
  spec.stateBytesFor = [](const ConstantInputs& c, double) -> uint64_t {
    return saturatingAdd(sizeof(kernel::granulator::State),
                         saturatingMul(static_cast<uint64_t>(grainCount(c[kGrains])), sizeof(kernel::granulator::Grain)));
  };
  spec.generator = true;
  spec.algorithm =
      "as pyo: a common phase steps by pitch/basedur/sr; grain j reads at phase + offset_j (offsets j/grains, "
      "jittered by ±1 %), its envelope from env, and the table at phase·length + start (linear), length = "
      "dur·tableRate and start = pos taken when its phase wraps";
  spec.differences = "the ±1 % jitter of the grains' offsets comes from patchc's seeded generator, not pyo's";
}
