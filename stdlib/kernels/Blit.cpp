// Blit(freq, harms): the band-limited impulse train of Stilson and Smith ("Alias-free digital synthesis of
// classic analog waveforms", 1996), the Dirichlet kernel
//   sin(m θ) / (m sin θ) = (1 + 2 Σ_{k=1..N} cos 2kθ) / m,  m = 2N + 1,
// with θ = π·freq·t: harmonics 1..N of freq at 2/m each and DC 1/m, 1 where θ = 0 (the impulse), never beyond
// ±1 (|sin mθ| ≤ m |sin θ|). θ wraps at π, one period of the kernel. As pyo 1.0.4 (measured): the first sample is
// the peak, θ = 0 gives 1, and a θ that a negative freq drove below 0 stays there (the output then holds 1).
#include "stdlib/kernels/Blit.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::blit;

namespace {
constexpr double kPiDouble = 3.14159265358979323846;
}

PATCHC_KERNEL_INIT(Blit) { static_cast<State*>(state_)->angle = 0.0; }

PATCHC_KERNEL_PROCESS(Blit) {
  auto* state = static_cast<State*>(state_);
  double angle = state->angle;
  const double step = kPiDouble / static_cast<double>(env->sampleRate);
  for (int i = 0; i < n; ++i) {
    float harms = in[kHarms][i];
    harms = harms > kMaxHarmonics ? kMaxHarmonics : (harms < -kMaxHarmonics ? -kMaxHarmonics : harms);
    const double m = 2.0 * static_cast<double>(static_cast<int>(harms == harms ? harms : 0.0f)) + 1.0;
    double value = 1.0;
    if (angle > 0.0) {
      value = std::sin(m * angle) / (m * std::sin(angle));
      value = value > 1.0 ? 1.0 : (value < -1.0 ? -1.0 : value);  // rounding only: the kernel is within ±1
    }
    out[i] = static_cast<float>(value);
    angle += step * static_cast<double>(in[kFreq][i]);
    // Within rounding of π is the next peak: sin θ there is only π's representation error, and the quotient
    // would miss the peak by 2 % (0.978 where pyo gives 1).
    if (angle >= kPiDouble - 1e-9) angle -= kPiDouble;
    if (angle >= kPiDouble) angle = std::fmod(angle, kPiDouble);  // a freq above the sample rate
    if (!std::isfinite(angle)) angle = 0.0;
  }
  state->angle = angle;
}
