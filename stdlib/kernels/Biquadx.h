// Biquadx(input, freq, q, type, stages): identical RBJ biquads in series (Biquadx.cpp; lane state in Biquad.h).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Biquad.h"

namespace patchc::kernel::biquadx {
enum Input { kInput, kFreq, kQ, kType, kStages };
}

PATCHC_OBJECT(Biquadx) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::biquadx;
  spec.doc = "stages identical RBJ-cookbook biquads in series, designed once.";
  spec.input(kInput, audio("input", "input signal to process"));
  spec.input(kFreq, signal("freq", 1000.0f, "cutoff or centre frequency in Hz"));
  spec.input(kQ, within(signal("q", 1.0f, "Q of each stage"), cookbookQ()));
  spec.input(kType,
             within(constant("type", 0.0f, "0 lowpass, 1 highpass, 2 bandpass, 3 bandstop, 4 allpass"), filterType()));
  spec.input(kStages, within(constant("stages", 4.0f, "number of filters in series, read at init only"),
                             stagesInSeries(kernel::biquad::kMaxStages, "it outputs silence")));
  spec.facts = filterFacts(0.8f * 4.0f);
  spec.stateBytesFor = [](const ConstantInputs& constants, double) {
    return kernel::biquad::laneBytes(constants[kStages]);
  };
  spec.algorithm =
      "`stages` (Constant, int, ≥ 1, ≤ 256) RBJ biquads in series, one design for all, each "
      "stage over the block in place";
  spec.differences =
      "the same samples as `stages` chained `Biquad`s (cascade-fuse relies on it); zero "
      "initial state as `Biquad`";
}
