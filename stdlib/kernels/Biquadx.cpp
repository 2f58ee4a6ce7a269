// Biquadx(input, freq, q, type, stages): `stages` identical RBJ biquads in series (Biquad.h), with one
// coefficient computation for all of them. Each stage runs over the whole block in place, so the samples are
// exactly those of `stages` chained Biquad objects (the cascade-fuse pass relies on it). `stages` is a Constant
// input that sizes the state (one direct-form-I history per stage); pyo's int(stages), at least 1.
#include "stdlib/kernels/Biquad.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Biquadx) {}

PATCHC_KERNEL_PROCESS(Biquadx) {
  auto* histories = static_cast<BiquadHistory*>(state_);
  const int stages = biquad::stageCount(in[4].value());  // folds when the code generator inlines a constant
  const bool blockRate = in[1].stride == 0 && in[2].stride == 0;
  if (blockRate) {
    const BiquadCoefficients c = biquad::cookbook(in, 0, env);
    for (int k = 0; k < stages; ++k) {
      BiquadHistory h = histories[k];  // local copy: the loop keeps it in registers
      if (k == 0) {
        for (int i = 0; i < n; ++i) out[i] = h.step(c, in[0][i]);
      } else {
        for (int i = 0; i < n; ++i) out[i] = h.step(c, out[i]);
      }
      histories[k] = h;
    }
    return;
  }
  // Audio-rate freq or q: one design per sample, shared by the stages.
  for (int i = 0; i < n; ++i) {
    const BiquadCoefficients c = biquad::cookbook(in, i, env);
    float x = in[0][i];
    for (int k = 0; k < stages; ++k) x = histories[k].step(c, x);
    out[i] = x;
  }
}
