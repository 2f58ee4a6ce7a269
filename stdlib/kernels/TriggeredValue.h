// The value a trigger sets, reached by a straight glide (TrigRand, TrigChoice; TrigRandInt without a glide), as
// pyo 1.0.4 does (measured: TrigRand(min=2, max=3, port=0.01, init=1) moves by (v − 1)/440 a sample from the
// trigger's sample and is v on the 439th after it). pyo counts the glide in whole samples, steps = trunc(port·sr)
// with port a float (0.01 → 440.99999 → 440); each sample adds (target − start)/steps in float, and the last
// step, the (steps − 1)th sample after the trigger, lands exactly on the target.
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/Kernel.h"

#include <cstdint>

namespace patchc::kernel::triggered {

struct State {
  float current;     // the output
  float target;      // the value the last trigger drew
  float step;        // added a sample while gliding
  int32_t count;     // samples of the glide done
  uint32_t generator;  // xorshift32 (RandomClock.h), never 0
};

// The glide's length in samples for `port` seconds: trunc(port·sr) in double, as pyo's (0 for no glide).
inline int32_t glideSamples(float port, const Env* env) {
  const double samples = static_cast<double>(port) * static_cast<double>(env->sampleRate);
  if (!(samples >= 1.0)) return 0;
  return samples >= 2.0e9 ? 2000000000 : static_cast<int32_t>(samples);
}

// A trigger set the new target.
inline void retarget(State& state, float target, int32_t steps) {
  state.count = 0;
  state.target = target;
  if (steps <= 0) state.current = target;
  else state.step = (target - state.current) / static_cast<float>(steps);
}

// The glide's step for one sample (every sample, triggered or not); returns the output.
inline float glide(State& state, int32_t steps) {
  if (state.count == steps - 1) {
    state.current = state.target;
    ++state.count;
  } else if (state.count < steps) {
    state.current += state.step;
    ++state.count;
  }
  return state.current;
}

}  // namespace patchc::kernel::triggered

namespace patchc::declare {

inline InputSpec portamento() {
  return within(constant("port", 0.0f, "the glide to each new value, in seconds (0: a step)"),
                {0.0f, 4.0e4f, false, "pyo 1.0.4 and patchc then step at once",
                 "pyo 1.0.4 and patchc glide over that many seconds (patchc counts at most 2·10⁹ samples)", ""});
}

inline const char* kGlide =
    "with port > 0 the output glides there in a straight line over trunc(port·sr) samples, as pyo's (the last one "
    "exactly on the value), else steps at once; held until the next trigger";

}  // namespace patchc::declare
