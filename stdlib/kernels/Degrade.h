// Degrade(input, bitdepth, srscale): per-lane state (its kernel: Degrade.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::degrade {

struct State {
  float value;  // the sample held
  int count;    // samples since it was taken
};

enum Input { kInput, kBitdepth, kSrscale };

}  // namespace patchc::kernel::degrade

PATCHC_OBJECT(Degrade) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::degrade;
  spec.doc = "Lowers the resolution of its input: fewer bits per sample and a lower sampling rate (held samples).";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kBitdepth, within(signal("bitdepth", 16.0f, "bits per sample, 1..32"), clampedAsPyo(1.0f, 32.0f)));
  spec.input(kSrscale, within(signal("srscale", 1.0f, "sampling rate factor, 0.0009765625..1"),
                              clampedAsPyo(0.0009765625f, 1.0f)));
  spec.facts.cost = 1.0f;
  spec.facts.timeInvariant = false;  // the held samples are taken at times counted from the start
  spec.stateBytes = sizeof(kernel::degrade::State);
  spec.algorithm =
      "every ⌊1/srscale⌋ samples (srscale read once per block, as pyo) take trunc(x·2^(bitdepth−1) + 0.5) / "
      "2^(bitdepth−1) and hold it (pyo's rounding: truncation toward 0 of x·scale + ½)";
  spec.differences = "as pyo (pyo's int cast overflows for |x|·2^(bitdepth−1) ≥ 2^31; patchc truncates in float)";
}
