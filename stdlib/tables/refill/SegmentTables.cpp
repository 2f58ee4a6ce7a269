// Break-point tables recomputed from their points (Refill.h): LinTable and CosTable. The arguments are the points,
// index, value, index, value, ...; an index is trunc(x) as pyo takes int(x). Segments run from each point to the
// next (none when the next is not after it); after the last point pyo's end rule (endAsPyo below).
#include "stdlib/tables/refill/Refill.h"

namespace {

using patchc::tables::floatCos;
using patchc::tables::kPi;

struct Points {
  const float* p;
  int32_t count;  // points
  long index(int32_t k) const { return static_cast<long>(std::trunc(p[2 * k])); }
  float value(int32_t k) const { return p[2 * k + 1]; }
};

// samples[from + j] = at(j) for j in [0, steps), only where inside the table (pyo writes past the end of points
// beyond the size; patchc clips), without looping over indexes outside it.
template <typename At>
void segment(float* samples, long size, long from, long steps, At at) {
  const long first = from < 0 ? -from : 0;
  const long end = steps < size - from ? steps : size - from;
  for (long j = first; j < end; ++j) samples[from + j] = at(j);
}

// LinTable's and CosTable's end (pyo): when the last point is before the last sample, it is written there and the
// rest, guard point included, is 0; else the last sample and the guard point are its value.
void endAsPyo(float* samples, long size, long last, float value) {
  if (last < size - 1) {
    if (last >= 0) samples[last] = value;
    for (long i = last + 1 < 0 ? 0 : last + 1; i <= size; ++i) samples[i] = 0.0f;
  } else {
    samples[size - 1] = value;
    samples[size] = value;
  }
}

}  // namespace

PATCHC_TABLE_REFILL(LinTable) {
  const Points points{arguments, count / 2};
  if (points.count < 1 || size < 1) return;
  for (int32_t k = 0; k + 1 < points.count; ++k) {
    const long steps = points.index(k + 1) - points.index(k);
    if (steps <= 0) continue;
    const float x = points.value(k), difference = (points.value(k + 1) - x) / steps;
    segment(samples, size, points.index(k), steps, [&](long j) { return x + difference * j; });
  }
  endAsPyo(samples, size, points.index(points.count - 1), points.value(points.count - 1));
}

PATCHC_TABLE_REFILL(CosTable) {
  const Points points{arguments, count / 2};
  if (points.count < 1 || size < 1) return;
  for (int32_t k = 0; k + 1 < points.count; ++k) {
    const long steps = points.index(k + 1) - points.index(k);
    if (steps <= 0) continue;
    const float x = points.value(k), y = points.value(k + 1);
    segment(samples, size, points.index(k), steps, [&](long j) {
      const float mu = static_cast<float>(j) / steps;
      const float mu2 = (1.0 - floatCos(mu * kPi)) / 2.0;
      return static_cast<float>(x * (1.0 - mu2) + y * mu2);
    });
  }
  endAsPyo(samples, size, points.index(points.count - 1), points.value(points.count - 1));
}
