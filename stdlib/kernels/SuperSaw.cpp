// SuperSaw(freq, detune, bal): the Roland JP-8000's super saw as Adam Szabo measured it ("How to Emulate the Super
// Saw", 2010) and pyo 1.0.4 computes it (measured: harmonics within 1 %). Seven naive sawtooths, saw j running at
// freq·(1 + o_j·d⁶) with offsets o = (−0.110023, −0.0628844, −0.0195236, 0, 0.0199122, 0.0621654, 0.107452) and
// d = trunc(detune·126)/127 (pyo reads 128-step tables at that index); they start at −0.75, −0.5, ..., 0.75. The
// centre saw's level is 0.99785 − 0.55366·b, the three above it −0.73764·b² + 1.2841·b + 0.044372, the three below
// −0.73764·b² + 1.23·b + 0.044372, b = trunc(bal·126)/127. The mix goes through an RBJ-cookbook highpass at freq
// with Q 1 (removing the fundamental's aliasing below it, as the JP-8000 does) and is scaled by 0.2. freq is
// clamped to [1, 0.49·sr], detune and bal to [0, 1].
#include "stdlib/kernels/SuperSaw.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::supersaw;

namespace {

constexpr double kOffsets[kVoices] = {-0.110023, -0.0628844, -0.0195236, 0.0, 0.0199122, 0.0621654, 0.107452};

struct Voices {
  double increment[kVoices];  // each saw's step a sample, on [−1, 1)
  double level[kVoices];
};

Voices voices(double freq, double detune, double balance, double twoOverSampleRate) {
  Voices v;
  const double d = std::trunc(detune * 126.0) / 127.0, b = std::trunc(balance * 126.0) / 127.0;
  const double d6 = d * d * d * d * d * d;
  for (int j = 0; j < kVoices; ++j) {
    v.increment[j] = freq * (1.0 + kOffsets[j] * d6) * twoOverSampleRate;
    v.level[j] = j == 3   ? 0.99785 - 0.55366 * b
                 : j < 3  ? -0.73764 * b * b + 1.23 * b + 0.044372
                          : -0.73764 * b * b + 1.2841 * b + 0.044372;
  }
  return v;
}

}  // namespace

PATCHC_KERNEL_INIT(SuperSaw) {
  auto* state = static_cast<supersaw::State*>(state_);
  for (int j = 0; j < kVoices; ++j) state->phase[j] = -0.75 + 0.25 * j;
  state->x1 = state->x2 = state->y1 = state->y2 = 0.0f;
}

PATCHC_KERNEL_PROCESS(SuperSaw) {
  auto* state = static_cast<supersaw::State*>(state_);
  const double sampleRate = env->sampleRate;
  const double twoOverSampleRate = 2.0 / sampleRate;
  const bool perSample = in[kFreq].stride != 0 || in[kDetune].stride != 0 || in[kBal].stride != 0;
  float lastFreq = -1.0f;
  Voices v{};
  double b0 = 0.0, b1 = 0.0, a1 = 0.0, a2 = 0.0;
  for (int i = 0; i < n; ++i) {
    if (i == 0 || perSample) {
      const float freq = clampf(in[kFreq][i], 1.0f, 0.49f * env->sampleRate);
      v = voices(freq, clampf(in[kDetune][i], 0.0f, 1.0f), clampf(in[kBal][i], 0.0f, 1.0f), twoOverSampleRate);
      if (freq != lastFreq) {  // RBJ cookbook highpass, Q = 1 (alpha = sin(w0)/2), normalized by a0
        lastFreq = freq;
        const double w0 = kTwoPi * static_cast<double>(freq) / sampleRate;
        const double c = std::cos(w0), alpha = std::sin(w0) * 0.5, a0 = 1.0 + alpha;
        b0 = (1.0 + c) * 0.5 / a0;
        b1 = -(1.0 + c) / a0;
        a1 = -2.0 * c / a0;
        a2 = (1.0 - alpha) / a0;
      }
    }
    double mix = 0.0;
    for (int j = 0; j < kVoices; ++j) {
      mix += state->phase[j] * v.level[j];
      double next = state->phase[j] + v.increment[j];
      if (next >= 1.0) next -= 2.0 * std::floor((next + 1.0) * 0.5);
      state->phase[j] = next;
    }
    const double x = mix;
    const double y = b0 * x + b1 * state->x1 + b0 * state->x2 - a1 * state->y1 - a2 * state->y2;
    state->x2 = state->x1;
    state->x1 = static_cast<float>(x);
    state->y2 = state->y1;
    state->y1 = static_cast<float>(y);
    out[i] = static_cast<float>(y * 0.2);
  }
  if (!std::isfinite(state->y1) || !std::isfinite(state->y2)) state->x1 = state->x2 = state->y1 = state->y2 = 0.0f;
}
