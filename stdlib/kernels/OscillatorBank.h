// The process and processLanes of the phase-accumulating oscillators (Sine, SineLoop, FastSine), written once.
//
// A voice type says what one sample of one lane is:
//   struct Voice {
//     using State = ...;                          // per-lane state with `double phase`
//     static constexpr int kFreq = ...;           // the object's inputs, by its enum: the frequency
//     static constexpr int kParameter = ...;      // and the parameter (Sine's phase, SineLoop's feedback)
//     static float memory(const State&);          // a float carried from sample to sample (SineLoop's y[n-1])
//     static void setMemory(State&, float);
//     static float parameter(float input);        // the parameter input as the voice uses it (clamped, ...)
//     static float tick(float phase, float& memory, float parameter, bool option);
//   };
// `option` is a node-wide switch read once.
// Both entry points run the same arithmetic (phase::at or phase::next, then tick), so a lane gives the same samples
// either way.
#pragma once

#include "stdlib/kernels/PhaseAccumulator.h"

namespace patchc::kernel::oscillator {

template <typename Voice>
void process(typename Voice::State* state, const In* in, float* __restrict out, int n, const Env* env,
             bool option) {
  const bool freqChanges = in[Voice::kFreq].stride != 0;
  const bool parameterChanges = in[Voice::kParameter].stride != 0;
  const float position = phase::start(state->phase), increment = phase::increment(in[Voice::kFreq][0], env);
  double changingPosition = state->phase;
  float memory = Voice::memory(*state), parameter = Voice::parameter(in[Voice::kParameter][0]);
  for (int i = 0; i < n; ++i) {
    if (parameterChanges) parameter = Voice::parameter(in[Voice::kParameter][i]);
    float now = freqChanges ? phase::next(changingPosition, in[Voice::kFreq][i], env)
                            : phase::at(position, increment, i);
    out[i] = Voice::tick(now, memory, parameter, option);
  }
  state->phase = freqChanges ? changingPosition : phase::end(state->phase, in[Voice::kFreq][0], n, env);
  Voice::setMemory(*state, memory);
}

// One block of kLaneBlock lanes, the lane loop innermost so that it vectorizes (phases, increments, memories
// and parameters each a whole number of vectors). A partial block computes copies of its last lane rather than
// branch; `WholeStores` (all lanes real, or the output padded to whole blocks: Kernel.h) stores them unmasked.
template <typename Voice, bool WholeStores>
PATCHC_INLINE void laneBlock(char* states, int stateStride, const LaneIn* __restrict in, float* __restrict out,
                      int outLaneStride, int outSampleStride, int first, int count, int n, const Env* env,
                      bool option) {
  using State = typename Voice::State;
  const bool freqChanges = in[Voice::kFreq].sampleStride != 0;
  const bool parameterChanges = in[Voice::kParameter].sampleStride != 0;
  float position[kLaneBlock], increment[kLaneBlock], memory[kLaneBlock], parameter[kLaneBlock];
  double changingPosition[kLaneBlock];
  for (int l = 0; l < kLaneBlock; ++l) {
    const int lane = first + (l < count ? l : count - 1);
    const auto* s = reinterpret_cast<const State*>(states + lane * stateStride);
    position[l] = phase::start(s->phase);
    changingPosition[l] = s->phase;
    increment[l] = phase::increment(in[Voice::kFreq].at(lane, 0), env);
    memory[l] = Voice::memory(*s);
    parameter[l] = Voice::parameter(in[Voice::kParameter].at(lane, 0));
  }
  PATCHC_KEEP_LOOP
  for (int i = 0; i < n; ++i) {
    for (int l = 0; l < kLaneBlock; ++l) {
      const int lane = first + (l < count ? l : count - 1);
      if (parameterChanges) parameter[l] = Voice::parameter(in[Voice::kParameter].at(lane, i));
      float now = freqChanges ? phase::next(changingPosition[l], in[Voice::kFreq].at(lane, i), env)
                              : phase::at(position[l], increment[l], i);
      float v = Voice::tick(now, memory[l], parameter[l], option);
      if (WholeStores || l < count) out[(first + l) * outLaneStride + i * outSampleStride] = v;
    }
  }
  for (int l = 0; l < count; ++l) {
    auto* s = reinterpret_cast<State*>(states + (first + l) * stateStride);
    s->phase = freqChanges ? changingPosition[l] : phase::end(s->phase, in[Voice::kFreq].at(first + l, 0), n, env);
    Voice::setMemory(*s, memory[l]);
  }
}

template <typename Voice>
void processLanes(char* states, int stateStride, const LaneIn* __restrict in, float* __restrict out,
                  int outLaneStride, int outSampleStride, int lanes, int n, const Env* env, bool option) {
  // One call site per variant, so that a bank of many blocks compiles one copy of the loop. With the code
  // generator's padded output every block stores whole vectors.
  const bool wholeStores = outputPadded(lanes, outLaneStride, outSampleStride);
  for (int first = 0; first < lanes; first += kLaneBlock) {
    const int count = lanes - first < kLaneBlock ? lanes - first : kLaneBlock;
    if (wholeStores || count == kLaneBlock)
      laneBlock<Voice, true>(states, stateStride, in, out, outLaneStride, outSampleStride, first, count, n, env,
                             option);
    else
      laneBlock<Voice, false>(states, stateStride, in, out, outLaneStride, outSampleStride, first, count, n, env,
                              option);
  }
}

}  // namespace patchc::kernel::oscillator
