// Tables of one shape recomputed from their numbers (Refill.h): AtanTable (arguments: slope).
#include "stdlib/tables/refill/Refill.h"

using patchc::tables::kPi;

// atan2(2i/size − 1, (1 − slope)³·π) for i ≤ size/2, scaled to −1 at i = 0, the other half its mirror negated.
PATCHC_TABLE_REFILL(AtanTable) {
  if (count < 1 || size < 2) return;
  const int32_t half = size / 2;
  const float inverseHalf = 1.0 / half;
  float drive = 1 - arguments[0];
  drive = drive * drive * drive * kPi;
  float scale = 0;
  for (int32_t i = 0; i <= half; ++i) {
    const float t = i * inverseHalf - 1;
    float value = std::atan2(t, drive);
    if (i == 0) scale = 1.0 / -value;
    value = value * scale;
    samples[i] = value;
    samples[size - i] = -value;
  }
}
