// Sine(freq, phase): sin(2π (φ + phase)), φ accumulating freq/sr per sample, first sample at φ = 0.
// pyo 1.0.4 reads a 512-point table with a float phase; this is the polynomial sine (KernelMath.h, 2.5e-7) of a
// phase kept in double between blocks (PhaseAccumulator.h), so a 440 Hz tone stays in tune over hours.
#include "stdlib/kernels/Sine.h"

#include "stdlib/kernels/OscillatorBank.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Sine) { static_cast<sine::State*>(state_)->phase = 0.0; }

namespace {
struct SineVoice {
  using State = sine::State;
  static constexpr int kFreq = sine::kFreq, kParameter = sine::kPhase;
  static float memory(const State&) { return 0.0f; }
  static void setMemory(State&, float) {}
  static float parameter(float phaseOffset) { return phaseOffset; }
  static float tick(float phase, float&, float phaseOffset, bool) { return sinCycles(phase + phaseOffset); }
};
}  // namespace

PATCHC_KERNEL_PROCESS(Sine) { oscillator::process<SineVoice>(static_cast<sine::State*>(state_), in, out, n, env, false); }

PATCHC_KERNEL_PROCESS_LANES(Sine) {
  oscillator::processLanes<SineVoice>(states, stateStride, in, out, outLaneStride, outSampleStride, lanes, n, env,
                                      false);
}
