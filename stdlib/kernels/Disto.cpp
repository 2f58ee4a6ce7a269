// Disto(input, drive, slope): the waveshaper y = (1 + k)·x/(1 + k·|x|), k = 2·drive/(1 − drive) (a soft
// clipper close to an arctangent, pyo's), then a one-pole lowpass y + slope·(y₁ − y), as pyo 1.0.4.
#include "stdlib/kernels/Disto.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::disto;

PATCHC_KERNEL_INIT(Disto) { static_cast<disto::State*>(state_)->y1 = 0.0f; }

PATCHC_KERNEL_PROCESS(Disto) {
  auto* state = static_cast<disto::State*>(state_);
  float y1 = state->y1;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    const float drive = clampf(in[kDrive][i], 0.0f, 0.998f);
    const float slope = clampf(in[kSlope][i], 0.0f, 0.999f);
    const float k = 2.0f * drive / (1.0f - drive);
    const float shaped = (1.0f + k) * x / (1.0f + k * std::fabs(x));
    y1 = shaped + (y1 - shaped) * slope;
    out[i] = y1;
  }
  state->y1 = y1;
}
