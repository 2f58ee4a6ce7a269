// STRev(input, inpos, revtime, cutoff, bal, roomSize, firstRefGain): a stereo reverb, two outputs (left, right)
// per input stream (STRev.cpp). Per-lane state; the delay lines follow the struct.
#pragma once

#include "stdlib/CheckedSize.h"
#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace patchc::kernel::strev {

enum Input { kInput, kInpos, kRevtime, kCutoff, kBal, kRoomSize, kFirstRefGain };
enum Output { kLeft, kRight };

constexpr int kLinesPerSide = 8;
constexpr int kLineCount = 2 * kLinesPerSide;
// Line lengths in samples at 44.1 kHz and roomSize 1 (44 to 94 ms, primes), slightly different on each side so
// that the two reverberate apart; mean 3016 samples (68 ms), which sets the echo density.
constexpr int kLineTuning[kLineCount] = {1951, 2141, 2477, 2767, 3221, 3547, 3911, 4111,   // left
                                         1973, 2179, 2503, 2797, 3187, 3583, 3947, 4073};  // right
// The first reflections: taps of the input 6.6 to 41 ms late (primes at 44.1 kHz, roomSize 1).
constexpr int kTapCount = 13;
constexpr int kTapTuning[kTapCount] = {293, 449, 571, 683, 769, 887, 1091, 1201, 1321, 1451, 1567, 1637, 1801};

struct Line {
  uint32_t length;    // its delay in samples
  uint32_t position;  // where the next sample is written (and the oldest read)
  float lowpass;      // the one-pole lowpass's last output
};

struct State {
  Line lines[kLineCount];
  uint32_t taps[kTapCount];
  uint32_t reflectionLength;    // the reflections' delay line: the longest tap + 1
  uint32_t reflectionPosition;
  float total[2];               // each side's sum of its lines' filtered outputs, last sample
  // float samples[Σ lengths + reflectionLength] follows: the lines in order, then the reflections' line.
};

// pyo 1.0.4 clamps roomSize to [0.25, 4].
inline double roomScale(float roomSize) {
  const double r = roomSize == roomSize ? static_cast<double>(roomSize) : 1.0;
  return r < 0.25 ? 0.25 : (r > 4.0 ? 4.0 : r);
}

// A tuning in samples at 44.1 kHz and roomSize 1, at this room and rate: at least one sample.
inline uint32_t scaledLength(int tuning, float roomSize, double sampleRate) {
  const double samples = std::round(tuning * roomScale(roomSize) * sampleRate / 44100.0);
  return samples < 1.0 ? 1u : (samples > 1e9 ? 1000000000u : static_cast<uint32_t>(samples));
}

inline uint64_t sampleCount(float roomSize, double sampleRate) {
  uint64_t total = static_cast<uint64_t>(scaledLength(kTapTuning[kTapCount - 1], roomSize, sampleRate)) + 1;
  for (int tuning : kLineTuning) total = patchc::saturatingAdd(total, scaledLength(tuning, roomSize, sampleRate));
  return total;
}

inline uint64_t laneBytes(float roomSize, double sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), sampleCount(roomSize, sampleRate)));
}

}  // namespace patchc::kernel::strev

PATCHC_OBJECT(STRev) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::strev;
  spec.doc = "Stereo reverb: two 8-line feedback delay networks (left, right) with first reflections placed by "
             "inpos; each input stream becomes two streams.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kInpos, within(signal("inpos", 0.5f, "position of the source, 0 (left) .. 1 (right)"),
                            clampedAsPyo(0.0f, 1.0f)));
  spec.input(kRevtime, signal("revtime", 1.0f, "seconds for the reverberation to fall 40 dB (without the lowpass; "
                                               "RT60 ≈ 1.34 s at 1); below 0.01, 0.01 (as pyo)"));
  spec.input(kCutoff, signal("cutoff", 5000.0f, "cutoff of the lowpass in the delay lines, in Hz, clamped to 20 .. "
                                             "0.49 × the sample rate (as pyo)"));
  spec.input(kBal, within(signal("bal", 0.5f, "balance between dry (0) and wet (1) signal"), clampedAsPyo(0.0f, 1.0f)));
  spec.input(kRoomSize, within(constant("roomSize", 1.0f, "scales the delay lines' lengths, 0.25 .. 4: a larger "
                                                           "room above 1"),
                               clampedAsPyo(0.25f, 4.0f)));
  spec.input(kFirstRefGain, settable(constant("firstRefGain", -3.0f, "gain of the first reflections, in dB")));
  outputs(spec, {"left", "right"});
  spec.facts = filterFacts(40.0f);
  spec.stateBytesFor = [](const ConstantInputs& c, double sampleRate) {
    return laneBytes(c[kRoomSize], sampleRate);
  };
  spec.stateAlign = 16;
  spec.algorithm =
      "per side an 8-line feedback delay network mixed by a Householder (scattering) junction, each line "
      "delayed 44..94 ms × roomSize, scaled by 100^(−mean delay / revtime) per pass and lowpassed by a one-pole "
      "at (0.7 + 0.3·nearness)·cutoff (the side nearer the source brighter); 13 first reflections (6.6..41 ms × "
      "roomSize), panned from the source towards the centre and mirrored, feed the lines and the output at "
      "firstRefGain; dry = input·(1 − inpos) left, input·inpos right, each side's lines fed 0.8 of its own dry and "
      "0.2 of the other's; output dry + (wet − dry)·bal. inpos, revtime and cutoff are read once per block, bal per "
      "sample";
  spec.differences =
      "own delay lengths and no random modulation of the delays (pyo's jitter by up to ±1 ms): a deterministic "
      "tail with different samples. Measured against pyo 1.0.4 (impulse responses): RT60 1.33 s at revtime 1 "
      "(pyo 1.34), 0.73 at 0.5 (pyo 0.74), 2.62 at 2 (pyo 2.63); wet energy within 0.4 dB; about 0.7 dB less "
      "high-frequency damping at 4 and 8 kHz; left/right energy 6.5 dB at inpos 0 (pyo 6.2), 2.7 at 0.25 (pyo "
      "2.6). roomSize is fixed when the object is made (pyo's setRoomSize is not supported)";
}
