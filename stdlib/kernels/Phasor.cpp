// Phasor(freq, phase): φ + phase, less 1 when it is above 1, where φ runs from 0 by freq/sr a sample, wrapped into
// [0, 1), and phase is clamped to [0, 1] as pyo 1.0.4 does (its samples measured: sample i is frac(i·freq/sr +
// phase), and exactly 1 is kept, not wrapped to 0).
#include "stdlib/kernels/Phasor.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::phasor;

PATCHC_KERNEL_INIT(Phasor) { static_cast<phasor::State*>(state_)->phase = 0.0; }

PATCHC_KERNEL_PROCESS(Phasor) {
  auto* state = static_cast<phasor::State*>(state_);
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  double phase = state->phase;
  for (int i = 0; i < n; ++i) {
    double value = phase + static_cast<double>(clampf(in[kPhase][i], 0.0f, 1.0f));
    if (value > 1.0) value -= 1.0;
    out[i] = static_cast<float>(value);
    phase = wrapUnit(phase + static_cast<double>(in[kFreq][i]) * inverseSampleRate);
    if (!(phase >= 0.0 && phase < 1.0)) phase = 0.0;  // a non-finite freq, or rounding up to 1
  }
  state->phase = phase;
}
