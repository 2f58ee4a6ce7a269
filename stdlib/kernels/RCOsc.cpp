// RCOsc(freq, sharp): the voltage of a capacitor charged then discharged through a resistor, as pyo 1.0.4 shapes
// it (measured: its harmonics and waveform). A phase p runs over [0, 2) once per cycle (2·freq/sr a sample) and
// the exponent k = 1 + 99·sharp² bends the charge curves:
//   p < 1:  (1 − (1 − p)^k + 1)·2 − 3   from −1 up to 1 (charging)
//   p ≥ 1:  (1 + (2 − p)^k)·2 − 3       from 1 down to −1 (discharging)
// sharp 0 is a triangle; sharp 1 (k = 100) nearly a square. The first sample is at p = 0 (−1). A negative freq
// runs the phase backwards; the phase is wrapped whole (pyo wraps it once a sample, enough for |freq| < sr/2).
#include "stdlib/kernels/RCOsc.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::rcosc;

PATCHC_KERNEL_INIT(RCOsc) { static_cast<rcosc::State*>(state_)->phase = 0.0; }

PATCHC_KERNEL_PROCESS(RCOsc) {
  auto* state = static_cast<rcosc::State*>(state_);
  const double twoOverSampleRate = 2.0 / static_cast<double>(env->sampleRate);
  double phase = state->phase;
  for (int i = 0; i < n; ++i) {
    const double sharp = clampf(in[kSharp][i], 0.0f, 1.0f);
    const double exponent = sharp * sharp * 99.0 + 1.0;
    const double value = phase < 1.0 ? (2.0 - std::pow(1.0 - phase, exponent)) * 2.0 - 3.0
                                     : (1.0 + std::pow(2.0 - phase, exponent)) * 2.0 - 3.0;
    out[i] = static_cast<float>(value);
    const double next = phase + static_cast<double>(in[kFreq][i]) * twoOverSampleRate;
    phase = next - 2.0 * std::floor(next * 0.5);
    if (!(phase >= 0.0 && phase < 2.0)) phase = 0.0;  // a non-finite freq, or rounding up to 2
  }
  state->phase = phase;
}
