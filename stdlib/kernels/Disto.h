// Disto(input, drive, slope): per-lane state (its kernel: Disto.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::disto {

struct State {
  float y1;  // the lowpass's memory
};

enum Input { kInput, kDrive, kSlope };

}  // namespace patchc::kernel::disto

PATCHC_OBJECT(Disto) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::disto;
  spec.doc = "Arctangent-like waveshaping distortion followed by a one-pole lowpass.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kDrive, within(signal("drive", 0.75f, "amount of distortion, 0..1"),
                            ValidRange{0.0f, 1.0f, false, "pyo 1.0.4 and patchc clamp it to 0",
                                       "pyo 1.0.4 and patchc clamp it to 0.998", ""}));
  spec.input(kSlope, within(signal("slope", 0.5f, "lowpass after the distortion, 0 (none) .. 1 (darkest)"),
                            ValidRange{0.0f, 1.0f, false, "pyo 1.0.4 and patchc clamp it to 0",
                                       "pyo 1.0.4 and patchc clamp it to 0.999", ""}));
  spec.facts.recursive = true;  // the lowpass feeds back its output
  spec.facts.cost = 1.0f;
  spec.stateBytes = sizeof(kernel::disto::State);
  // The shaper keeps the sign and |shaped| ≤ max(|x|, 1) (k ≥ 0: 1 at |x| = 1, between 1 and |x| above); the
  // lowpass averages it with its past and the initial 0. (A drive of 0 passes any input: unknown in, unknown out.)
  spec.facts.outputRange = [](const RangeQuery& query) -> Range {
    Range x = query.input(kInput);
    if (!x) return std::nullopt;
    return join(*x, Interval{-1.0001f, 1.0001f});  // float rounding of the quotient near |x| = 1
  };
  spec.algorithm =
      "k = 2·drive/(1 − drive) (drive clamped to [0, 0.998]), y = (1 + k)·x/(1 + k·|x|), then "
      "y = y + slope·(y₁ − y) (slope clamped to [0, 0.999])";
  spec.differences = "as pyo";
}
