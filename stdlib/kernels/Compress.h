// Compress(input, thresh, ratio, risetime, falltime, lookahead, knee, outputAmp): per-lane state. The
// look-ahead line follows the struct.
#pragma once

#include "stdlib/Declare.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "stdlib/CheckedSize.h"

namespace patchc::kernel::compress {

struct State {
  float follower;  // the envelope of |input|
  int writeIndex;
  int length;  // samples in the look-ahead line: 25 ms, as pyo's
  // float line[length] follows.
};

inline int lineLength(float sampleRate) {
  int length = static_cast<int>(0.025 * static_cast<double>(sampleRate) + 0.5);
  return length < 1 ? 1 : length;
}

inline uint64_t laneBytes(float sampleRate) {
  return patchc::saturatingAdd(sizeof(State), patchc::saturatingMul(sizeof(float), static_cast<uint64_t>(lineLength(sampleRate))));
}

// The look-ahead delay in samples. pyo 1.0.4 keeps 0 for a lookahead above 25 ms, and reads the slot it is
// about to overwrite, so 0 delays by the whole line (25 ms), not by nothing. A negative lookahead (pyo reads
// outside its line) counts as 0.
inline int lookaheadSamples(float milliseconds, float sampleRate, int length) {
  if (!(milliseconds > 0.0f) || milliseconds > 25.0f) return length;
  int delay = static_cast<int>(static_cast<double>(milliseconds) * 0.001 * static_cast<double>(sampleRate));
  return delay < 1 ? length : (delay > length ? length : delay);
}

// pyo 1.0.4 takes a knee from 0 to 1 and keeps its default 0 for any other.
inline float kneeShape(float knee) { return knee >= 0.0f && knee <= 1.0f ? knee : 0.0f; }

enum Input { kInput, kThresh, kRatio, kRisetime, kFalltime, kLookahead, kKnee, kOutputAmp };

}  // namespace patchc::kernel::compress

PATCHC_OBJECT(Compress) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::compress;
  spec.doc = "A compressor: an envelope follower sets a gain in dB above a threshold, on a look-ahead delayed signal.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kThresh, signal("thresh", -20.0f, "level in dB above which the signal is reduced (0 dB: full scale)"));
  spec.input(kRatio, signal("ratio", 2.0f, "input/output ratio above the threshold"));
  spec.input(kRisetime, signal("risetime", 0.01f, "time of the envelope follower to rise, in seconds"));
  spec.input(kFalltime, signal("falltime", 0.1f, "time of the envelope follower to fall, in seconds"));
  spec.input(kLookahead,
             within(constant("lookahead", 5.0f, "delay of the signal in ms, 0..25, so the gain acts before a peak"),
                    ValidRange{0.0f, 25.0f, false, "patchc takes 0 (pyo 1.0.4 reads outside its line)",
                               "pyo 1.0.4 and patchc keep 0, a delay of 25 ms", ""}));
  spec.input(kKnee, within(constant("knee", 0.0f, "0: hard knee .. 1: soft knee"),
                           ValidRange{0.0f, 1.0f, false, "pyo 1.0.4 and patchc keep 0 (a hard knee)",
                                      "pyo 1.0.4 and patchc keep 0 (a hard knee)", ""}));
  spec.input(kOutputAmp, constant("outputAmp", 0.0f, "1: output the gain alone, not the compressed signal"));
  spec.facts.cost = 3.0f;
  // The gain is in (0, 1]: the output is the delayed input scaled down (the line starts silent), or the gain.
  spec.facts.outputRange = [](const RangeQuery& query) -> Range {
    const Interval gain{0.0f, 1.0f};
    Range input = query.input(kInput);
    Range signal = input ? Range(join(*input, Interval::point(0.0f))) : std::nullopt;
    Range gainOnly = query.input(kOutputAmp);
    if (gainOnly && gainOnly->low == gainOnly->high) return gainOnly->low != 0.0f ? Range(gain) : signal;
    return join(signal, Range(gain));
  };
  spec.stateBytesFor = [](const ConstantInputs&, double sampleRate) {
    return kernel::compress::laneBytes(static_cast<float>(sampleRate));
  };
  spec.algorithm =
      "peak follower of |x| (one pole, exp(−1/(sr·risetime)) rising, exp(−1/(sr·falltime)) falling); above the "
      "threshold (raised by 3·knee dB) the gain is −(1 − 1/ratio)·(level − thresh) dB; within pyo's knee (up to "
      "8.5·knee + 0.5 dB below it) the ratio eases in along pyo's curve, which for ratio > 1 asks only gains above 1: "
      "a soft knee is a threshold 3·knee dB higher, as in pyo; gain clipped to [1e-20, 1], applied to the "
      "input delayed by lookahead. Parameters read once per block, as pyo";
  spec.differences =
      "as pyo (samples within 1e-4 of pyo's); pyo reads its parameters once per 256-sample buffer, patchc "
      "once per block it is given (64 samples or fewer)";
}
