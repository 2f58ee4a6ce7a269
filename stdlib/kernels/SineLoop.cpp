// SineLoop(freq, feedback): feedback FM, y[n] = sin(2π (φ[n] + feedback · y[n-1])), feedback clipped to [0, 1].
// The scaling (feedback 1 = one full cycle of phase offset per unit of output) was measured against pyo 1.0.4,
// whose first samples match this formula to table precision.
#include "stdlib/kernels/SineLoop.h"

#include "stdlib/kernels/OscillatorBank.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(SineLoop) {
  auto* state = static_cast<sineloop::State*>(state_);
  state->phase = 0.0;
  state->lastOutput = 0.0f;
}

namespace {
struct SineLoopVoice {
  using State = sineloop::State;
  static constexpr int kFreq = sineloop::kFreq, kParameter = sineloop::kFeedback;
  static float memory(const State& s) { return s.lastOutput; }
  static void setMemory(State& s, float y) { s.lastOutput = y; }
  static float parameter(float feedback) { return clampf(feedback, 0.0f, 1.0f); }
  // sinCycles reduces its argument itself: y[n-1] → y[n] is one multiply-add and the polynomial, the shortest
  // chain a voice that feeds back on itself can have.
  static float tick(float phase, float& y, float feedback, bool) {
    y = sinCycles(phase + feedback * y);
    return y;
  }
};
}  // namespace

PATCHC_KERNEL_PROCESS(SineLoop) {
  oscillator::process<SineLoopVoice>(static_cast<sineloop::State*>(state_), in, out, n, env, false);
}

PATCHC_KERNEL_PROCESS_LANES(SineLoop) {
  oscillator::processLanes<SineLoopVoice>(states, stateStride, in, out, outLaneStride, outSampleStride, lanes, n,
                                          env, false);
}
