// LFO(freq, sharp, type): pyo's band-limited low frequency oscillator, eight wave shapes (LFO.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::lfo {

enum Input { kFreq, kSharp, kType };

enum Shape { kSawUp, kSawDown, kSquare, kTriangle, kPulse, kBipolarPulse, kSampleAndHold, kModulatedSine };

struct State {
  double phase;          // the wave's phase in cycles, [0, 1)
  double modPhase;       // modulated sine: the amplitude modulator's phase in cycles
  double holdFade;       // sample and hold: progress of the crossfade to the new value, 0..1 (≥ 1: done)
  float holdCurrent;     // sample and hold: the value drawn at the last cycle's start
  float holdLast;        // ... and the one before it, faded out over (1 − sharp) of a cycle
  uint32_t generator;    // xorshift32 state (sample and hold), never 0
};

}  // namespace patchc::kernel::lfo

PATCHC_OBJECT(LFO) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::lfo;
  spec.doc = "A band-limited low frequency oscillator with eight wave shapes (saw up/down, square, triangle, pulse, "
             "bipolar pulse, sample and hold, modulated sine).";
  spec.input(kFreq, within(signal("freq", 100.0f, "frequency in Hz"),
                           {0.00001f, 1e9f, false, "pyo 1.0.4 and patchc clamp it to 0.00001 Hz",
                            "pyo 1.0.4 and patchc clamp it to a quarter of the sampling rate", ""}));
  spec.input(kSharp, within(signal("sharp", 0.5f, "sharpness 0..1: more harmonics (shape 6: a shorter crossfade, "
                                                  "7: deeper modulation)"),
                            clampedAsPyo(0.0f, 1.0f)));
  spec.input(kType,
             within(constant("type", 0.0f,
                             "0 saw up, 1 saw down, 2 square, 3 triangle, 4 pulse, 5 bipolar pulse, 6 sample and "
                             "hold, 7 modulated sine"),
                    {0.0f, 7.0f, true, "pyo 1.0.4 and patchc then output silence",
                     "pyo 1.0.4 and patchc then output silence",
                     "pyo 1.0.4 refuses it (it takes an int); patchc uses its whole part"}));
  spec.facts = oscillatorFacts(3.0f);
  spec.facts.deterministic = false;  // shape 6 draws random values
  spec.stateBytes = sizeof(kernel::lfo::State);
  spec.generator = true;
  // Every shape stays within [−1, 1]: the saws' p − tanh(np)/tanh(n) for p in [−1, 1], atan and tan(≤ 1) scaled
  // by 2/π, crossfades of values in [−1, 1], a sine times an amplitude ≤ 1.
  spec.facts.outputRange = always({-1.0f, 1.0f});
  spec.algorithm =
      "pyo's waveshaping formulas on a phase p in double: saw p − tanh(n·p)/tanh(n) (n = 4 + 46·sharp harmonics, at "
      "most sr/4/freq), square atan(n·sin 2πp)·2/π, triangle a mix of tan(sin 2πp)·2/π and a straight triangle, "
      "pulse tan(|sin 2πp|^n)·2/π (n odd), sample and hold a new uniform value every cycle reached by a raised "
      "cosine crossfade over (1 − sharp) of a cycle, modulated sine sin 2πp·(1 − sharp/2 + sharp/2·cos 2πm), m at "
      "0.99·sharp·freq";
  spec.differences =
      "the same formulas as pyo 1.0.4 (harmonics and waveform measured within 1 %); the phase is a double, pyo's a "
      "float. Sample and hold: a different random generator (xorshift32 per lane, seeded like `Noise`)";
}
