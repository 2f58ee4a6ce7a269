// FreqShift(input, shift): per-lane state, and the Hilbert transformer's poles.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::freqshift {

// Two chains of 6 first-order allpasses whose outputs stay 90° apart from about 15 Hz to 20 kHz: the pole
// frequencies of Hutchins' 12-pole analog design (Electronotes; Csound's `hilbert` and pyo use it), times 15 Hz.
constexpr int kStages = 6;
constexpr double kRealPoles[kStages] = {0.3609, 2.7412, 11.1573, 44.7581, 179.6242, 798.4578};
constexpr double kImaginaryPoles[kStages] = {1.2524, 5.5671, 22.3423, 89.6271, 364.7914, 2770.1114};
constexpr double kPoleScale = 15.0;

struct Allpass {
  float coefficient;
  float x1, y1;
};

struct State {
  double phase;  // the shifting oscillator's, in cycles
  Allpass real[kStages];
  Allpass imaginary[kStages];
};

// The bilinear transform of the analog allpass (s − a)/(s + a), a = 2π·pole: y = c·(x − y1) + x1.
inline float allpassCoefficient(double pole, double sampleRate) {
  const double half = 2.0 * 3.14159265358979323846 * pole * kPoleScale / (2.0 * sampleRate);
  return static_cast<float>(-(1.0 - half) / (1.0 + half));
}

// pyo mixes the two products through Sines of amplitude 0.707.
constexpr float kGain = 0.707f;

enum Input { kInput, kShift };

}  // namespace patchc::kernel::freqshift

PATCHC_OBJECT(FreqShift) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::freqshift;
  spec.doc = "Frequency shifting by single-sideband modulation (a Hilbert transformer and a quadrature oscillator).";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kShift, signal("shift", 100.0f, "amount of shifting in Hz (negative: down)"));
  spec.facts = filterFacts(4.0f);    // linear: allpasses, then products with an oscillator the input does not move
  spec.facts.timeInvariant = false;  // the oscillator runs on its own clock
  spec.stateBytes = sizeof(kernel::freqshift::State);
  spec.algorithm =
      "Hilbert transformer of two chains of 6 first-order allpasses (Hutchins' poles ×15 Hz, bilinear), "
      "0.707·(re·sin 2πφ − im·cos 2πφ) with φ the integral of shift (double); each partial f comes out at f + "
      "shift at 0.707 of its level, the other sideband about 55 dB down (none above 2 kHz)";
  spec.differences = "as pyo (samples within 1e-4 of pyo's on a sine); the oscillator is computed, not read from a table";
}
