// Phaser(input, freq, spread, q, feedback, num): per-lane state. `num` (Constant) stages follow the struct.
#pragma once

#include <cmath>
#include <cstddef>

namespace patchc::kernel::phaser {

struct Stage {
  float c, d;  // allpass coefficients: A(z) = (c + d z^-1 + z^-2) / (1 + d z^-1 + c z^-2)
  float x1, x2, y1, y2;
};

struct State {
  int stageCount;
  float lastOutput;  // y[n-1], fed back into the chain
  // Stage stages[stageCount] follows.
};

constexpr int kMaxStages = 256;

// The number of stages for a `num` value (pyo's int(num), at least 1). NaN (num not constant) gives pyo's 8.
inline int stageCount(float num) {
  if (!(num == num)) return 8;
  int count = static_cast<int>(num < 1.0f ? 1.0f : (num > kMaxStages ? kMaxStages : num));
  return count;
}

inline size_t laneBytes(float num) { return sizeof(State) + sizeof(Stage) * static_cast<size_t>(stageCount(num)); }

}  // namespace patchc::kernel::phaser
