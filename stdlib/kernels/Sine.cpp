// Sine(freq, phase): sin(2π (φ + phase)), φ accumulating freq/sr per sample, first sample at φ = 0.
// pyo 1.0.4 reads a 512-point table with a float phase; this is the exact sine with a double accumulator.
#include "stdlib/kernels/Sine.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;

PATCHC_KERNEL_INIT(Sine) { static_cast<sine::State*>(state_)->phase = 0.0; }

PATCHC_KERNEL_PROCESS(Sine) {
  auto* state = static_cast<sine::State*>(state_);
  double phase = state->phase;
  const double inverseSampleRate = 1.0 / static_cast<double>(env->sampleRate);
  for (int i = 0; i < n; ++i) {
    double position = wrapUnit(phase + static_cast<double>(in[1][i]));
    out[i] = std::sin(kTwoPi * static_cast<float>(position));
    phase = wrapUnit(phase + static_cast<double>(in[0][i]) * inverseSampleRate);
  }
  state->phase = phase;
}
