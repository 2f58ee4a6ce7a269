// BrownNoise(): brown (red) noise, white noise through a leaky integrator,
//   y[n] = a · y[n-1] + g · u[n],  u uniform in [-1, 1) (per-lane xorshift32 seeded by the compiler, as Noise),
// whose power density falls 6 dB per octave (1/f²) above the corner fc = 12 Hz, a = exp(-2π fc / sr); below fc
// it flattens, so the output has no DC drift. g = σ √(3 (1 - a²)) sets the RMS level σ = 0.44, pyo 1.0.4's
// (measured: RMS 0.438, peaks near ±2, corner near 11 Hz); fc and σ do not depend on the sample rate.
#include "stdlib/kernels/BrownNoise.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;

namespace {
constexpr double kCornerHz = 12.0;
constexpr double kLevel = 0.44;
}  // namespace

PATCHC_KERNEL_INIT(BrownNoise) {
  auto* state = static_cast<brownnoise::State*>(state_);
  state->generator = seed != 0 ? seed : 0x9E3779B9u;
  state->y = 0.0f;
  const double leak = std::exp(-2.0 * 3.14159265358979323846 * kCornerHz / env->sampleRate);
  state->leak = static_cast<float>(leak);
  state->gain = static_cast<float>(kLevel * std::sqrt(3.0 * (1.0 - leak * leak)));
}

PATCHC_KERNEL_PROCESS(BrownNoise) {
  auto* state = static_cast<brownnoise::State*>(state_);
  uint32_t generator = state->generator;
  float y = state->y;
  const float leak = state->leak, gain = state->gain;
  for (int i = 0; i < n; ++i) {
    y = leak * y + gain * whiteNoise(generator);
    out[i] = y;
  }
  state->generator = generator;
  state->y = y;
}
