// DCBlock(input): pyo's DC blocker (its kernel: DCBlock.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::dcblock {

struct State {
  float x1, y1;
};

enum Input { kInput };

}  // namespace patchc::kernel::dcblock

PATCHC_OBJECT(DCBlock) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::dcblock;
  spec.doc = "Removes the DC offset of its input: a zero at 0 Hz and a pole just inside it.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.facts = filterFacts(0.3f);
  spec.stateBytes = sizeof(kernel::dcblock::State);
  spec.algorithm = "y = x − x₁ + 0.995·y₁ (at any sample rate, as pyo: −3 dB near 35 Hz at 44.1 kHz)";
  spec.differences = "as pyo (gains within 0.01 dB of pyo's measured ones)";
}
