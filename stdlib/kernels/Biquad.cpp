// Biquad(input, freq, q, type): the RBJ Audio EQ Cookbook filters (Robert Bristow-Johnson), designed in
// Biquad.h (shared with Biquadx) and run by BiquadBank.h as one stage. `type` is a Constant input. pyo 1.0.4
// starts its history from the first input sample; patchc starts from silence (zero state), which keeps the filter
// linear and time-invariant from the first sample.
#include "stdlib/kernels/Biquad.h"
#include "stdlib/kernels/BiquadBank.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Biquad) {}

PATCHC_KERNEL_PROCESS(Biquad) {
  biquad::process<biquad::Input>(static_cast<BiquadHistory*>(state_), in, out, n, env, 1);
}

// A bank of Biquads (one node of many lanes): vectorized across lanes.
PATCHC_KERNEL_PROCESS_LANES(Biquad) {
  biquad::processLanes<biquad::Input>(states, stateStride, in, out, outLaneStride, outSampleStride, lanes, n, env,
                                      nullptr);
}
