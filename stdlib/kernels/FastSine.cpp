// FastSine(freq, initphase, quality): a sine from the parabola 4t(1-|t|), optionally refined with one
// extra multiply-add (Nicolas Capens' "fast and accurate sine" approximation). initphase and quality are
// Constant inputs: initphase is read at init only, as in pyo.
#include "stdlib/kernels/FastSine.h"

#include "stdlib/kernels/OscillatorBank.h"

using namespace patchc::kernel;
using namespace patchc::kernel::fastsine;

PATCHC_KERNEL_INIT(FastSine) {
  float initialPhase = in[kInitphase].value();
  auto* state = static_cast<fastsine::State*>(state_);
  state->phase = wrapUnit(initialPhase == initialPhase ? initialPhase : 0.0f);
  state->refinement = in[kQuality].value() >= 0.5f ? 1.0f : 0.0f;
}

namespace {
struct FastSineVoice {
  using State = fastsine::State;
  // No parameter: initphase, a Constant read by init only, stands in for it (parameter() ignores it).
  static constexpr int kFreq = fastsine::kFreq, kParameter = fastsine::kInitphase;
  // The carried float is the lane's refinement weight, constant (quality is a Constant input).
  static float memory(const State& state) { return state.refinement; }
  static void setMemory(State&, float) {}
  static float parameter(float) { return 0.0f; }
  // sin(2π φ) = sin(π t) with t = 1 - 2φ in (-1, 1], φ wrapped into [0, 1) (phase::at does not wrap).
  static float tick(float phase, float& refinement, float, bool) {
    return fastsine::parabolicSine(1.0f - 2.0f * (phase - std::floor(phase)), refinement);
  }
};
}  // namespace

PATCHC_KERNEL_PROCESS(FastSine) {
  oscillator::process<FastSineVoice>(static_cast<fastsine::State*>(state_), in, out, n, env, false);
}

// Each lane reads its own quality from its state: one node may hold lanes of both.
PATCHC_KERNEL_PROCESS_LANES(FastSine) {
  oscillator::processLanes<FastSineVoice>(states, stateStride, in, out, outLaneStride, outSampleStride, lanes, n,
                                          env, false);
}
