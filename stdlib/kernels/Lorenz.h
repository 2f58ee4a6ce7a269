// Lorenz(pitch, chaos): per-lane state.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::lorenz {

struct State {
  double x, y, z;  // the point on the attractor (the system's own units)
};

enum Input { kPitch, kChaos, kStereo };

}  // namespace patchc::kernel::lorenz

PATCHC_OBJECT(Lorenz) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::lorenz;
  spec.doc = "A chaotic oscillator: the Lorenz attractor's x, normalized; stereo=True adds its y as a second stream.";
  spec.input(kPitch,
             within(signal("pitch", 0.25f, "speed of the variations, 0..1: an LFO below 0.2, a buzzing noise above"),
                    clampedAsPyo(0.0f, 1.0f)));
  spec.input(kChaos,
             within(signal("chaos", 0.5f, "0: periodic (rho 320) .. 1: chaotic (rho 28)"), clampedAsPyo(0.0f, 1.0f)));
  spec.input(kStereo, constant("stereo", 0.0f, "True (1): a second output, the attractor's y (streams x0, y0, x1, "
                                               "y1, ...)"));
  // pyo 1.0.4 appends a LorenzAlt (y) stream after each lane's x stream.
  outputs(spec, {"x", "y"});
  spec.outputCountInput = kStereo;
  spec.outputCountFor = [](const ConstantInputs& c) { return c[kStereo] != 0.0f && c[kStereo] == c[kStereo] ? 2 : 1; };
  spec.facts = oscillatorFacts(3.0f);
  spec.stateBytes = sizeof(kernel::lorenz::State);
  spec.generator = true;
  spec.algorithm =
      "Lorenz system (σ = 10, β = 8/3), one RK4 step per sample in double; ρ = 320 − "
      "292·chaos (0: the limit cycle past ρ ≈ 313, periodic; 1: ρ = 28, chaotic); step 625·(pitch + "
      "0.0013)·C(28)/C / sr system time units, C = √(β(ρ−1)); output x / (3 C), within ±0.94 (the first swing "
      "from (1, 1, 1) is clipped to ±1); with stereo, y · 0.82 / (3 C · σy/σx(ρ)), σy/σx the attractor's ratio of "
      "spreads (1.14 at ρ 28 .. 2.01 at ρ 320, tabulated), so the y stream's RMS is 0.82 of the x stream's as "
      "pyo's (0.80..0.85), clipped to ±1; pitch and chaos clipped to [0, 1]";
  spec.differences =
      "own mapping of pitch and chaos, measured to behave like pyo's: centroid 99..134 Hz "
      "at pitch 0.25 (pyo 93..130), 389..535 at 1 (pyo 384..563), LFO below 0.1; RMS 0.33..0.35 (pyo 0.16 at "
      "chaos 0 up to 0.39 at 1, peaks ≤ 0.999); speed independent of the sample rate. Different samples (another "
      "integrator and constants); the y stream's RMS is 0.8..0.85 of the x stream's, as pyo's";
}
