// Particle(table, env, dens, pitch, pos, dur, dev, pan, chnls): pyo's full control granular synthesizer, grains
// started dens times a second, each with its own pitch, position and duration (Particle.cpp; the scheduler:
// GrainCloud.h).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/GrainCloud.h"
#include "stdlib/kernels/TableValues.h"

namespace patchc::kernel::particle {

struct State {
  graincloud::Clock clock;
  graincloud::Grain grains[graincloud::kMaxGrains];
  graincloud::Placement placements[graincloud::kMaxGrains];  // with chnls > 1: each slot's grain's two outputs
};

enum Input { kTable, kEnv, kDens, kPitch, kPos, kDur, kDev, kPan, kChnls, kTableSampleRate };

}  // namespace patchc::kernel::particle

namespace patchc::declare {

// Particle's and Particle2's first inputs, in pyo's order (their enums agree up to kChnls).
template <typename Inputs>
inline void particleInputs(ObjectSpec& spec) {
  spec.input(Inputs::kTable, table("table", "the sound the grains are read from"));
  spec.input(Inputs::kEnv, table("env", "the grains' envelope (HannTable, WinTable, ...)"));
  spec.input(Inputs::kDens, signal("dens", 50.0f, "grains started per second"));
  spec.input(Inputs::kPitch, signal("pitch", 1.0f, "a grain's reading speed, 1 the original pitch (taken when it "
                                                   "starts; its sign is ignored)"));
  spec.input(Inputs::kPos, signal("pos", 0.0f, "where a grain starts in the table, in samples (taken when it "
                                               "starts)"));
  spec.input(Inputs::kDur, signal("dur", 0.1f, "a grain's duration in seconds (taken when it starts; at least "
                                                "0.0001)"));
  spec.input(Inputs::kDev, signal("dev", 0.01f, "random deviation of the time to the next grain, 0..1 of it"));
  spec.input(Inputs::kPan, signal("pan", 0.5f, "a grain's place between the output streams, 0..1 (taken when it "
                                               "starts; unused with chnls=1)"));
}

inline void particleFacts(ObjectSpec& spec, float cost) {
  spec.facts = oscillatorFacts(cost);
  spec.facts.timeInvariant = false;
  spec.facts.deterministic = false;  // the deviation of the grains' times is random
  spec.generator = true;
}

// `chnls`: output streams per table stream, lane-major as pyo's (table 0's chnls streams, then table 1's, ...).
inline InputSpec particleChnls() {
  return within(constant("chnls", 1.0f, "number of output streams per audio stream, among which the grains are "
                                        "panned"),
                countedOutputsRange("pyo 1.0.4 then makes no stream (silence); patchc makes one"));
}

// The placement of the grains on the outputs (GrainCloud.h's place), for the specs' algorithm.
inline constexpr const char* kParticlePanning =
    "; with chnls = 2 a grain goes to the outputs with gains √(1 − p), √p (p its pan clipped to [0, 1]); with "
    "chnls = N > 2 to channel k, the largest k < N with p > k/N (0 when none), and k + 1 (0 after the last), with "
    "the same gains √(1 − p), √p of the whole pan (pyo's)";

}  // namespace patchc::declare

PATCHC_OBJECT(Particle) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::particle;
  spec.doc = "A full control granular synthesizer: grains started dens times a second, each with its own pitch, "
             "position and duration.";
  particleInputs<kernel::particle::Input>(spec);
  spec.input(kChnls, particleChnls());
  spec.input(kTableSampleRate, hidden("tableSampleRate", 0.0f, "the table's sample rate (0: the server's)"));
  outputsCountedBy(spec, kChnls);
  particleFacts(spec, 6.0f);
  spec.stateBytes = sizeof(State);
  // At most 4096 grains, each a table sample (linear: within its numbers) times an envelope level (and a gain
  // of at most 1 on each output).
  spec.facts.outputRange = [](const RangeQuery& q) -> Range {
    Range table = withinTable(kTable, true)(q), envelope = withinTable(kEnv, true)(q);
    if (!table || !envelope) return std::nullopt;
    const float bound = static_cast<float>(kernel::graincloud::kMaxGrains) * table->magnitude() * envelope->magnitude();
    return Interval{-bound, bound};
  };
  spec.algorithm =
      "as pyo: a timer stepping dens·d/sr (d the last deviation, (2u − 1)·dev + 1) starts a grain when it reaches 1 "
      "(the first sample starts one), in the first free of 4096 slots; the grain reads dur·sr·|pitch|·tableRate/sr "
      "samples of the table from pos (linear), times the envelope at its phase (linear), over dur seconds; a grain "
      "that would pass the table's end is dropped" +
      std::string(kParticlePanning);
  spec.differences =
      "the deviation applies from the next sample (pyo: from its next buffer); a different random generator; a NaN "
      "pan places a grain at 0 (pyo: NaN on its outputs)";
}
