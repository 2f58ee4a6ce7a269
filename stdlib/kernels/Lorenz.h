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
  spec.doc = "A chaotic oscillator: the Lorenz attractor's x, normalized (stereo=True's y stream is not supported).";
  spec.input(kPitch,
             within(signal("pitch", 0.25f, "speed of the variations, 0..1: an LFO below 0.2, a buzzing noise above"),
                    clampedAsPyo(0.0f, 1.0f)));
  spec.input(kChaos,
             within(signal("chaos", 0.5f, "0: periodic (rho 320) .. 1: chaotic (rho 28)"), clampedAsPyo(0.0f, 1.0f)));
  spec.input(kStereo, constant("stereo", 0.0f, "pyo: 1 adds the y variable as a second stream; patchc: x only"));
  spec.facts = oscillatorFacts(3.0f);
  spec.stateBytes = sizeof(kernel::lorenz::State);
  spec.generator = true;
  spec.algorithm =
      "Lorenz system (σ = 10, β = 8/3), one RK4 step per sample in double; ρ = 320 − "
      "292·chaos (0: the limit cycle past ρ ≈ 313, periodic; 1: ρ = 28, chaotic); step 625·(pitch + "
      "0.0013)·C(28)/C / sr system time units, C = √(β(ρ−1)); output x / (3 C), within ±0.94 (the first swing "
      "from (1, 1, 1) is clipped to ±1); pitch and chaos clipped to [0, 1]";
  spec.differences =
      "own mapping of pitch and chaos, measured to behave like pyo's: centroid 99..134 Hz "
      "at pitch 0.25 (pyo 93..130), 389..535 at 1 (pyo 384..563), LFO below 0.1; RMS 0.33..0.35 (pyo 0.16 at "
      "chaos 0 up to 0.39 at 1, peaks ≤ 0.999); speed independent of the sample rate. Different samples (another "
      "integrator and constants). **`stereo=True` is not supported: pyo adds a second stream (the y variable); "
      "patchc has no multi-output objects yet, so `stereo` is accepted but ignored and only the x stream is "
      "produced**";
}
