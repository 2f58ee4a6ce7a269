// Waveguide(input, freq, dur, minfreq): per-lane state. The delay line follows the struct.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"

namespace patchc::kernel::waveguide {

struct State {
  int length;  // samples in the line
  int writeIndex;
  float lastRead;  // the previous sample read from the line (the loop's two-point average)
  float dcInput;   // the DC blocker's x[n-1] and y[n-1]
  float dcOutput;
  // float line[length] follows.
};

// The lowest frequency the line holds, from `minfreq` (Constant): pyo's default of 20 Hz when not constant,
// at least 1 Hz.
inline float lowestFrequency(float minfreq) {
  if (!(minfreq == minfreq)) return 20.0f;
  return minfreq < 1.0f ? 1.0f : minfreq;
}

// The line holds the longest period plus the taps the 4-point interpolation reads around it.
inline int lineLength(float minfreq, float sampleRate) {
  return static_cast<int>(std::ceil(sampleRate / lowestFrequency(minfreq))) + 4;
}

// minfreq >= 1 Hz and sr <= 768 kHz bound the line, so lineLength fits an int; the size is 64-bit all the same.
inline uint64_t laneBytes(float minfreq, float sampleRate) {
  return patchc::saturatingAdd(sizeof(State),
                               patchc::saturatingMul(sizeof(float), static_cast<uint64_t>(lineLength(minfreq, sampleRate))));
}

enum Input { kInput, kFreq, kDur, kMinfreq };

}  // namespace patchc::kernel::waveguide

PATCHC_OBJECT(Waveguide) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::waveguide;
  spec.doc = "A basic waveguide string: a delay line of one period closed through a lowpass.";
  spec.input(kInput, audio("input", "excitation signal"));
  spec.input(kFreq, signal("freq", 100.0f, "frequency in Hz (1 / loop delay)"));
  spec.input(kDur, signal("dur", 10.0f, "seconds for the tone to fall 40 dB"));
  spec.input(kMinfreq, constant("minfreq", 20.0f, "lowest frequency, sizes the delay line, read at init only"));
  spec.facts = filterFacts(2.0f);
  spec.stateBytesFor = [](const ConstantInputs& constants, double sampleRate) {
    return kernel::waveguide::laneBytes(constants[kMinfreq], static_cast<float>(sampleRate));
  };
  spec.algorithm =
      "Karplus-Strong / Jaffe-Smith loop: 3rd-order Lagrange delay of sr/freq − ½, two-point "
      "average, loss 10^(−2/(freq·dur))/cos(π freq/sr) (≤ 0.99999), DC blocker (5 Hz) on the output; minfreq "
      "(Constant) sizes the line";
  spec.differences =
      "dur is the time to fall **40 dB, as pyo's documentation says** (at the fundamental; "
      "pyo's measured decay is steeper at high freq, e.g. −50 dB in dur at 1 kHz). Output level and broadband "
      "decay at 100 Hz close to pyo's";
}
