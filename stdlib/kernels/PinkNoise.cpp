// PinkNoise(): Paul Kellet's "refined" pink noise filter (his music-dsp note on pink noise, 1999): white noise u
// through six one-pole low-passes in parallel whose corners are spread about two octaves apart, so that their
// sum falls 3 dB per octave within ±0.05 dB from about 9 Hz to the Nyquist frequency, plus the input itself and
// the input one sample late. The poles and gains are Kellet's; pyo 1.0.4 uses the same filter, with u uniform in
// [−0.99, 0.99) and the sum scaled by 0.2 (measured: RMS 0.351, flat power in constant-Q bands).
#include "stdlib/kernels/PinkNoise.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::pinknoise;

namespace {
constexpr float kPole[kPoles] = {0.99886f, 0.99332f, 0.96900f, 0.86650f, 0.55000f, -0.7616f};
constexpr float kGain[kPoles] = {0.0555179f, 0.0750759f, 0.1538520f, 0.3104856f, 0.5329522f, -0.0168980f};
constexpr float kDirect = 0.5362f;
constexpr float kDelayed = 0.115926f;
constexpr float kOutputGain = 0.2f;
}  // namespace

PATCHC_KERNEL_INIT(PinkNoise) {
  auto* state = static_cast<State*>(state_);
  *state = {};
  state->generator = seed != 0 ? seed : 0x9E3779B9u;
}

PATCHC_KERNEL_PROCESS(PinkNoise) {
  auto* state = static_cast<State*>(state_);
  State s = *state;
  for (int i = 0; i < n; ++i) {
    const float u = 0.99f * whiteNoise(s.generator);
    float sum = s.delayed + kDirect * u;
    for (int k = 0; k < kPoles; ++k) {
      s.pole[k] = kPole[k] * s.pole[k] + kGain[k] * u;
      sum += s.pole[k];
    }
    out[i] = kOutputGain * sum;
    s.delayed = kDelayed * u;
  }
  *state = s;
}
