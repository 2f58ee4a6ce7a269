// What the panners (Pan, SPan) and the granulators that place their grains (Particle, Particle2) share: pyo's
// clip of a position and its choice of the channel a position has passed last.
#pragma once

#include "stdlib/Kernel.h"
#include "stdlib/kernels/KernelMath.h"

namespace patchc::kernel::panning {

// NaN-safe clip to [0, 1]: NaN counts as 0 (KernelMath.h's clampUnit).
inline float unit(float v) { return clampUnit(v); }

// The channel a position has passed last among `outs` on a circle: the largest k < outs with pan > k/outs, 0 when
// none (pan ≤ 0, or NaN); the position then lies between k and k + 1 (0 after the last). Compared in float, as pyo.
inline int passedChannel(float pan, int outs) {
  const float count = static_cast<float>(outs);
  for (int k = outs - 1; k > 0; --k)
    if (pan > static_cast<float>(k) / count) return k;
  return 0;
}

// A panner's one- and two-output cases: one output is the input; two are the input times `gains(p)`'s pair (p the
// pan clipped to [0, 1]), sample by sample. False for more outputs, the caller's own case.
template <typename Gains>
inline bool panToOneOrTwo(const In& input, const In& pan, float* const* out, int outs, int n, Gains gains) {
  if (outs == 1) {
    for (int i = 0; i < n; ++i) out[0][i] = input[i];
    return true;
  }
  if (outs != 2) return false;
  float* left = out[0];
  float* right = out[1];
  for (int i = 0; i < n; ++i) {
    const auto [leftGain, rightGain] = gains(unit(pan[i]));
    const float x = input[i];
    left[i] = x * leftGain;
    right[i] = x * rightGain;
  }
  return true;
}

}  // namespace patchc::kernel::panning
