// WGVerb(input, feedback, cutoff, bal): per-lane state. The 8 delay lines follow the struct.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"
#include <cstdint>

namespace patchc::kernel::wgverb {

constexpr int kLineCount = 8;
// Line lengths in samples at 44.1 kHz (43 to 91 ms, primes spread about evenly in log), and the rates in Hz of
// their random delay modulation.
constexpr int kLineTuning[kLineCount] = {1949, 2161, 2411, 2687, 2971, 3299, 3637, 4021};
constexpr float kModulationRate[kLineCount] = {2.1f, 1.3f, 2.9f, 0.9f, 1.7f, 2.5f, 1.1f, 3.3f};
constexpr float kModulationDepthSeconds = 0.001f;  // the delays move by up to ±1 ms

struct Modulation {
  float value;    // in [-1, 1]: the delay's offset in units of the depth
  float step;     // per-sample change towards the next random target
  int remaining;  // samples left in the current segment
};

struct State {
  uint32_t generator;  // xorshift32 for the modulation targets, seeded per lane
  int length[kLineCount];
  int writeIndex[kLineCount];
  float delay[kLineCount];    // nominal delay in samples
  float lowpass[kLineCount];  // each line's one-pole lowpass memory
  Modulation modulation[kLineCount];
  // float lines[totalLineLength(sr)] follows.
};

inline float nominalDelay(int line, float sampleRate) {
  return static_cast<float>(kLineTuning[line]) * sampleRate / 44100.0f;
}

inline float depthSamples(float sampleRate) { return kModulationDepthSeconds * sampleRate; }

// A line holds its longest modulated delay plus the samples the linear interpolation reads.
inline int lineLength(int line, float sampleRate) {
  return static_cast<int>(std::ceil(nominalDelay(line, sampleRate) + depthSamples(sampleRate))) + 3;
}

inline size_t totalLineLength(float sampleRate) {
  size_t total = 0;
  for (int k = 0; k < kLineCount; ++k) total += static_cast<size_t>(lineLength(k, sampleRate));
  return total;
}

inline uint64_t laneBytes(float sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), totalLineLength(sampleRate)));
}

enum Input { kInput, kFeedback, kCutoff, kBal };

}  // namespace patchc::kernel::wgverb

PATCHC_OBJECT(WGVerb) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::wgverb;
  spec.doc = "An 8-line waveguide (feedback delay network) reverb with lowpassed, slowly moving delays.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFeedback, signal("feedback", 0.5f, "amount sent back into the lines, 0..1: longer reverb when higher"));
  spec.input(kCutoff, signal("cutoff", 5000.0f, "cutoff of the lowpass in each line, in Hz"));
  spec.input(kBal, within(signal("bal", 0.5f, "balance between dry (0) and wet (1) signal"), clampedAsPyo(0.0f, 1.0f)));
  spec.facts = filterFacts(10.0f);
  spec.facts.timeInvariant = false;  // the delays move with time, whatever the input
  spec.facts.deterministic = false;  // and how they move depends on the lane's seed
  spec.stateBytesFor = [](const ConstantInputs&, double sampleRate) {
    return kernel::wgverb::laneBytes(static_cast<float>(sampleRate));
  };
  spec.algorithm =
      "8-line FDN after Costello (a scattering junction of 8 equal waveguides = Householder "
      "matrix), one-pole lowpass and `feedback` per line, delays 1949..4021 samples at 44.1 kHz moving ±1 ms "
      "along random lines (seeded per lane), linear mix (1 − bal)·dry + bal·wet";
  spec.differences =
      "own line lengths and modulation; decay vs feedback and level close to pyo's (−60 dB "
      "in ≈ 0.75 s at 0.5, 1.3 s at 0.7, 4 s at 0.9). pyo draws its modulation from its global random generator; "
      "patchc from the lane's seed. Not time-invariant, not deterministic";
}
