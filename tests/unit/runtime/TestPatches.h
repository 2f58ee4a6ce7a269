#pragma once
// Hand-written patches in the shape the code generator produces, for testing the runtime without a compiler.

#include "runtime/PatchABI.h"

#include <cmath>
#include <cstdint>
#include <numbers>

namespace patchc::test {

// A 440 Hz sine at amplitude 0.5 into channel 0 and its negation into channel 1. The phase is kept in double
// and advanced by a whole-sample step, so sample n is exactly 0.5 * sin(2 pi 440 n / sr) rounded to float.
struct SineState {
  int64_t sampleIndex;
  double amplitude;
};

inline constexpr double kSineFrequency = 440.0;
inline constexpr double kSineAmplitude = 0.5;
inline constexpr double kSineSampleRate = 48000.0;

inline float sineSample(int64_t n) {
  return float(kSineAmplitude * std::sin(2.0 * std::numbers::pi * kSineFrequency * double(n) / kSineSampleRate));
}

inline void sineInit(void* state) { static_cast<SineState*>(state)->amplitude = kSineAmplitude; }

inline void sineProcess(void* state, float** outputs, int frames) {
  auto& s = *static_cast<SineState*>(state);
  for (int i = 0; i < frames; ++i) {
    const float v = float(s.amplitude * std::sin(2.0 * std::numbers::pi * kSineFrequency * double(s.sampleIndex) /
                                                 kSineSampleRate));
    outputs[0][i] = v;
    outputs[1][i] = -v;
    ++s.sampleIndex;
  }
}

inline runtime::PatchABI sinePatch(int bufferSize = 256) {
  runtime::PatchABI abi;
  abi.stateBytes = sizeof(SineState);
  abi.stateAlign = alignof(SineState);
  abi.channels = 2;
  abi.sampleRate = kSineSampleRate;
  abi.bufferSize = bufferSize;
  abi.init = sineInit;
  abi.process = sineProcess;
  return abi;
}

}  // namespace patchc::test
