// Freeverb(input, size, damp, bal): per-lane state. The comb and allpass lines follow the struct.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"

namespace patchc::kernel::freeverb {

constexpr int kCombCount = 8;
constexpr int kAllpassCount = 4;
// Jezar's tunings in samples at 44.1 kHz.
constexpr int kCombTuning[kCombCount] = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
constexpr int kAllpassTuning[kAllpassCount] = {556, 441, 341, 225};

struct State {
  int combLength[kCombCount];
  int combIndex[kCombCount];
  float combFilter[kCombCount];  // the one-pole lowpass inside each comb's feedback path
  int allpassLength[kAllpassCount];
  int allpassIndex[kAllpassCount];
  // float lines[totalLineLength(sr)] follows: the 8 combs, then the 4 allpasses.
};

// A tuning scaled to the sample rate (at least one sample).
inline int scaledLength(int tuning44100, float sampleRate) {
  int length = static_cast<int>(std::lround(static_cast<double>(tuning44100) * sampleRate / 44100.0));
  return length < 1 ? 1 : length;
}

inline size_t totalLineLength(float sampleRate) {
  size_t total = 0;
  for (int t : kCombTuning) total += static_cast<size_t>(scaledLength(t, sampleRate));
  for (int t : kAllpassTuning) total += static_cast<size_t>(scaledLength(t, sampleRate));
  return total;
}

inline uint64_t laneBytes(float sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), totalLineLength(sampleRate)));
}

enum Input { kInput, kSize, kDamp, kBal };

}  // namespace patchc::kernel::freeverb

PATCHC_OBJECT(Freeverb) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::freeverb;
  spec.doc = "Jezar's Freeverb: 8 damped combs into 4 allpasses.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kSize,
             within(signal("size", 0.5f, "room size, 0..1: longer reverb when higher"), clampedAsPyo(0.0f, 1.0f)));
  spec.input(kDamp, within(signal("damp", 0.5f, "high frequency damping, 0..1"), clampedAsPyo(0.0f, 1.0f)));
  spec.input(kBal, within(signal("bal", 0.5f, "balance between dry (0) and wet (1) signal"), clampedAsPyo(0.0f, 1.0f)));
  spec.facts = filterFacts(8.0f);
  spec.stateBytesFor = [](const ConstantInputs&, double sampleRate) {
    return kernel::freeverb::laneBytes(static_cast<float>(sampleRate));
  };
  spec.algorithm =
      "Jezar's 8 combs + 4 allpasses, tunings scaled to the rate; feedback 0.7 + 0.29·size, "
      "damping 0.5·damp, equal-power mix √(1-bal)·dry + √bal·wet";
  spec.differences =
      "matches pyo's impulse response within 6e-9 at 44.1 kHz (pyo's constants differ from "
      "Jezar's 0.28 and 0.4)";
}
