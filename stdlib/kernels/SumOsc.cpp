// SumOsc(freq, ratio, index): Moorer's discrete summation formula ("The synthesis of complex audio spectra by
// means of discrete summation formulas", JAES 1976):
//   Σ_{k≥0} a^k sin(θ + kβ) = (sin θ − a·sin(θ − β)) / (1 + a² − 2a·cos β)
// with θ the carrier's phase (freq) and β the modulator's (ratio·freq), a = index clamped to [0, 0.999] as pyo
// 1.0.4 does. As pyo, the sum goes through a DC blocker y = x − x[n−1] + 0.995·y[n−1] (the partials pile up on
// one side of the carrier, so the sum has an offset) and is scaled by 1 − a² to keep the level near 1. The first
// sample is at θ = β = 0.
#include "stdlib/kernels/SumOsc.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::sumosc;

PATCHC_KERNEL_INIT(SumOsc) {
  auto* state = static_cast<sumosc::State*>(state_);
  state->carrier = state->modulator = 0.0;
  state->dcIn = state->dcOut = 0.0f;
}

PATCHC_KERNEL_PROCESS(SumOsc) {
  auto* state = static_cast<sumosc::State*>(state_);
  constexpr double kTwoPiD = 6.28318530717958647692;
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  double carrier = state->carrier, modulator = state->modulator;
  float dcIn = state->dcIn, dcOut = state->dcOut;
  for (int i = 0; i < n; ++i) {
    const double freq = in[kFreq][i];
    const double a = clampf(in[kIndex][i], 0.0f, 0.999f);
    const double theta = kTwoPiD * carrier, beta = kTwoPiD * modulator;
    const float x = static_cast<float>((std::sin(theta) - a * std::sin(theta - beta)) /
                                       (1.0 + a * a - 2.0 * a * std::cos(beta)));
    const float y = x - dcIn + 0.995f * dcOut;
    dcIn = x;
    dcOut = y;
    out[i] = y * static_cast<float>(1.0 - a * a);
    carrier = wrapUnit(carrier + freq * inverseSampleRate);
    modulator = wrapUnit(modulator + freq * static_cast<double>(in[kRatio][i]) * inverseSampleRate);
    if (!std::isfinite(carrier)) carrier = 0.0;
    if (!std::isfinite(modulator)) modulator = 0.0;
  }
  state->carrier = carrier;
  state->modulator = modulator;
  state->dcIn = std::isfinite(dcIn) ? dcIn : 0.0f;
  state->dcOut = std::isfinite(dcOut) ? dcOut : 0.0f;
}
