// Biquadx(input, freq, q, type, stages): `stages` identical RBJ biquads in series (Biquad.h, run by
// BiquadBank.h), with one coefficient computation for all of them. Each stage applies Biquad's step to the
// previous stage's output, so the samples are exactly those of `stages` chained Biquad objects (the cascade-fuse
// pass relies on it). `stages` is a Constant input that sizes the state (one direct-form-I history per stage);
// pyo's int(stages), at least 1.
#include "stdlib/kernels/Biquadx.h"
#include "stdlib/kernels/BiquadBank.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Biquadx) {}

PATCHC_KERNEL_PROCESS(Biquadx) {
  // stageCount folds when the code generator inlines a constant `stages`.
  biquad::process<biquadx::Input>(static_cast<BiquadHistory*>(state_), in, out, n, env,
                                  biquad::stageCount(in[biquadx::kStages].value()));
}

// A bank of cascades (cascade-fuse makes one of a bank of Biquad chains): vectorized across lanes.
PATCHC_KERNEL_PROCESS_LANES(Biquadx) {
  biquad::processLanes<biquadx::Input>(states, stateStride, in, out, outLaneStride, outSampleStride, lanes, n, env,
                                       &in[biquadx::kStages]);
}
