// Pan(input, outs, pan, spread): a cosine panner, one output per channel (Pan.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::pan {
enum Input { kInput, kOuts, kPan, kSpread };
}  // namespace patchc::kernel::pan

namespace patchc::declare {
// `outs` of the panners (Pan, SPan): how many outputs, hence streams per input stream.
inline InputSpec pannerOuts() {
  return within(constant("outs", 2.0f, "number of channels: outputs per input stream"),
                countedOutputsRange("pyo 1.0.4 then makes no stream (silence); patchc makes one, the input"));
}
// What a panner is: `outs` outputs, each its input times a gain in [0, 1], nothing kept from sample to sample.
inline void pannerFacts(ObjectSpec& spec, size_t input, size_t outs) {
  outputsCountedBy(spec, outs);
  spec.facts.linearInInput = true;
  spec.facts.stateless = true;
  spec.facts.cost = 1.0f;
  spec.facts.outputRange = [input](const RangeQuery& q) {
    return product(q.input(input), Range(Interval{0.0f, 1.0f}));
  };
}
}  // namespace patchc::declare

PATCHC_OBJECT(Pan) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::pan;
  spec.doc = "Cosine panner with control of the spread: each input stream becomes `outs` streams, one per channel.";
  spec.input(kInput, audio("input", "input signal to pan"));
  spec.input(kOuts, pannerOuts());
  spec.input(kPan, within(signal("pan", 0.5f, "position, 0 (the first channel) .. 1; with outs > 2 a circle, 1 "
                                               "back at the first"),
                          clampedAsPyo(0.0f, 1.0f)));
  spec.input(kSpread, within(signal("spread", 0.5f, "with outs > 2: 0 only the nearest channel .. 1 every channel "
                                                     "(2 outputs: unused, as pyo)"),
                             clampedAsPyo(0.0f, 1.0f)));
  pannerFacts(spec, kInput, kOuts);
  spec.algorithm =
      "p = pan clipped to [0, 1]. outs = 1: the input. outs = 2: in·cos(p·π/2), in·sin(p·π/2) (equal power). "
      "outs = N > 2: output j is in·(½ + ½·cos(2π(p − j/N)))^e, e = 20.1 − 20·√spread (spread clipped to "
      "[0, 1]), so the channel at the position gets the input whole and the others a share narrowing with e";
  spec.differences = "none known: the gains are pyo 1.0.4's, computed in float (pyo: double)";
}
