// Harmonizer(input, transpo, feedback, winsize): per-lane state. The one-second delay line follows the struct.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"

namespace patchc::kernel::harmonizer {

struct State {
  float pointer;  // the first read head's place in its window, in [0, 1): its delay is pointer · winsize
  float dcInput;   // the feedback's DC blocker: x[n-1] and y[n-1]
  float dcOutput;
  int writeIndex;
  int length;  // samples in the line: one second, as pyo's; a guard sample (a copy of the first) follows them
  // float line[length + 1] follows.
};

// One second of samples: winsize is at most 1 s, so every read head stays inside the line.
inline int lineLength(float sampleRate) { return static_cast<int>(sampleRate); }

inline uint64_t laneBytes(float sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), static_cast<uint64_t>(lineLength(sampleRate)) + 1));
}

// pyo accepts a window of more than 0 and at most 1 second; for any other number it keeps its default of 0.1 s.
inline float windowSeconds(float winsize) { return winsize > 0.0f && winsize <= 1.0f ? winsize : 0.1f; }

enum Input { kInput, kTranspo, kFeedback, kWinsize };

}  // namespace patchc::kernel::harmonizer

PATCHC_OBJECT(Harmonizer) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::harmonizer;
  spec.doc = "A pitch shifter: two overlapping windowed read heads sweeping a delay line.";
  spec.input(kInput, audio("input", "input signal to transpose"));
  spec.input(kTranspo, signal("transpo", -7.0f, "transposition in semitones"));
  spec.input(kFeedback, within(signal("feedback", 0.0f, "amount of output fed back into the line, 0..1"),
                               clampedAsPyo(0.0f, 1.0f)));
  spec.input(kWinsize, within(constant("winsize", 0.1f, "window length in seconds, more than 0 and at most 1"),
                              ValidRange{0.0f, 1.0f, false, "pyo 1.0.4 and patchc keep the default 0.1",
                                         "pyo 1.0.4 and patchc keep the default 0.1", ""}));
  spec.facts = filterFacts(4.0f);  // linear: two delay-line taps under windows that do not depend on the input
  spec.facts.timeInvariant = false;  // the windows run on their own clock, whatever the input
  spec.facts.feedsBackThrough = kFeedback;
  spec.stateBytesFor = [](const ConstantInputs&, double sampleRate) {
    return kernel::harmonizer::laneBytes(static_cast<float>(sampleRate));
  };
  spec.algorithm =
      "two read heads half a window apart on a 1 s delay line; each head's delay falls (or rises) from winsize "
      "to 0 at the rate 2^(transpo/12) − 1 and jumps back, under a half-sine window sin(π·phase), linear "
      "interpolation; the output, through a DC blocker (pole 0.995), is fed back into the line times feedback";
  spec.differences =
      "as pyo (samples within 2e-3 of pyo's on a sine after 0.7 s; the heads' phase is stepped in float, as "
      "pyo's); the window is computed, not read from pyo's 8192-point table; transpo is clamped to ±120 "
      "semitones (pyo: none)";
}
