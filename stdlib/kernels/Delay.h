// Delay(input, delay, feedback, maxdelay): per-lane state. The delay line follows the struct.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"

namespace patchc::kernel::delay {

struct State {
  int64_t length;  // samples in the line: maxdelay · sr may pass 2^31 when --limit state-bytes allows it
  int64_t writeIndex;
  // float line[length] follows.
};

// The longest delay in samples for `maxdelay` seconds; NaN (not constant) gives pyo's default of 1 s.
inline float maxDelaySamples(float maxdelay, float sampleRate) {
  float seconds = maxdelay == maxdelay ? maxdelay : 1.0f;
  float samples = seconds * sampleRate;
  return samples < 1.0f ? 1.0f : samples;
}

// The line holds the longest delay plus the sample interpolation reads past it and the one being written.
// In 64 bits, saturating: a line too long for memory is refused by the state-bytes limit, never wrapped.
inline uint64_t lineLength(float maxdelay, float sampleRate) {
  return patchc::saturatingAdd(patchc::saturatingCount(maxDelaySamples(maxdelay, sampleRate)), 2);
}

inline uint64_t laneBytes(float maxdelay, float sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), lineLength(maxdelay, sampleRate)));
}

enum Input { kInput, kDelay, kFeedback, kMaxdelay };

}  // namespace patchc::kernel::delay

PATCHC_OBJECT(Delay) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::delay;
  spec.doc = "A sweepable recursive delay with linear interpolation.";
  spec.input(kInput, audio("input", "input signal to delay"));
  spec.input(kDelay, signal("delay", 0.25f, "delay time in seconds, at least one sample, at most maxdelay"));
  spec.input(kFeedback, signal("feedback", 0.0f, "amount of output fed back into the line, 0..1"));
  spec.input(kMaxdelay, constant("maxdelay", 1.0f, "maximum delay in seconds, read at init only"));
  spec.facts = filterFacts(1.5f);
  spec.stateBytesFor = [](const ConstantInputs& constants, double sampleRate) {
    return kernel::delay::laneBytes(constants[kMaxdelay], static_cast<float>(sampleRate));
  };
  spec.facts.feedsBackThrough = kFeedback;
  spec.algorithm = "linear interpolation; delay clipped to [1 sample, maxdelay], feedback to [0, 1]";
  spec.differences = "as pyo; pyo misreads delays longer than maxdelay, patchc clips them";
}
