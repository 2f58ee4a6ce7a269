// Particle2(table, env, dens, pitch, pos, dur, dev, pan, filterfreq, filterq, filtertype, chnls): Particle with a
// filter per grain (Particle2.cpp; the scheduler: GrainCloud.h, the inputs they share: Particle.h).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/GrainCloud.h"
#include "stdlib/kernels/Particle.h"

namespace patchc::kernel::particle2 {

// A grain slot's biquad: its coefficients, made for the last frequency, q and type started in the slot, and its
// memories, which carry over from one grain to the next in the same slot (as pyo's).
struct Filter {
  float freq, q, type;  // what the coefficients were made for (0 at first: made at the first grain)
  float b0, b1, b2, a1, a2, a0;  // a0 is 1/(1 + α)
  float gain;                    // the band-pass's compensation, 1 for the others
  float x1, x2, y1, y2;
};

struct State {
  graincloud::Clock clock;
  graincloud::Grain grains[graincloud::kMaxGrains];
  Filter filters[graincloud::kMaxGrains];
  graincloud::Placement placements[graincloud::kMaxGrains];  // with chnls > 1: each slot's grain's two outputs
};

enum Input {
  kTable, kEnv, kDens, kPitch, kPos, kDur, kDev, kPan, kFilterfreq, kFilterq, kFiltertype, kChnls, kTableSampleRate
};

}  // namespace patchc::kernel::particle2

PATCHC_OBJECT(Particle2) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::particle2;
  spec.doc = "A full control granular synthesizer with a filter per grain: Particle whose grains each pass a "
             "biquad of their own.";
  particleInputs<kernel::particle2::Input>(spec);
  spec.input(kFilterfreq, signal("filterfreq", 18000.0f, "a grain's filter frequency in Hz (taken when it starts)"));
  spec.input(kFilterq, signal("filterq", 0.7f, "a grain's filter Q (taken when it starts; at least 0.1)"));
  spec.input(kFiltertype, signal("filtertype", 0.0f, "a grain's filter: 0 low-pass, 1 high-pass, 2 band-pass, 3 "
                                                     "band-stop, 4 all-pass (taken when it starts)"));
  spec.input(kChnls, particleChnls());
  spec.input(kTableSampleRate, hidden("tableSampleRate", 0.0f, "the table's sample rate (0: the server's)"));
  outputsCountedBy(spec, kChnls);
  particleFacts(spec, 10.0f);
  spec.stateBytes = sizeof(State);
  // No output range: a resonant filter (filterq up to any value) amplifies without a bound known here.
  spec.algorithm =
      "Particle's grains (as pyo), each through the RBJ biquad of its slot (w0 = 2π·filterfreq/sr, α = sin w0/(2q), "
      "filterfreq clamped to [1, sr/2], q ≥ 0.1, type rounded into 0..4), coefficients made when a grain starts "
      "with other values than the slot's last; the band-pass multiplied by 10^((min(q, 10) − 1)/10); then by the "
      "envelope" +
      std::string(kParticlePanning);
  spec.differences =
      "the deviation applies from the next sample (pyo: from its next buffer); a different random generator; a NaN "
      "pan places a grain at 0 (pyo: NaN on its outputs)";
}
