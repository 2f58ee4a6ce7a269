// Reading a table (stdlib/Table.h) the way pyo's readers do: the table's `size` samples plus its guard point
// arrive as an Array input (`p`, `count()` = size + 1), and pyo's four interpolations (1 none, 2 linear,
// 3 cosine, 4 cubic: the 4-point, third-order Lagrange polynomial, with pyo's extrapolated neighbours at the
// ends). Shared by Osc, TableRead, Pointer, Lookup, ...
#pragma once

#include "stdlib/Kernel.h"

namespace patchc::kernel::table {

struct View {
  const float* data;
  long size;  // samples, without the guard point; 0 when the table is empty
  // Sample i, held inside the array (a reader never reads past the guard point, even of a 1-sample table).
  float at(long i) const { return data[i < 0 ? 0 : i > size ? size : i]; }
};

inline View view(const In& table) {
  const long count = table.count();
  return {table.p, count > 1 ? count - 1 : 0};
}

// A table the object writes while the patch plays (declare::writtenTable): codegen passes a pointer into the
// table's buffer in the patch's state, which every reader of the table reads after the writer ran.
struct Written {
  float* data;
  long size;  // samples, without the guard point (data[size]), which a writer keeps as pyo does
};
inline Written writable(const In& table) {
  const long count = table.count();
  return {const_cast<float*>(table.p), count > 1 ? count - 1 : 0};
}

// pyo's interp argument: 1 none, 2 linear, 3 cosine, 4 cubic (others held to the nearest).
inline int interpolation(float interp) { return interp >= 4.0f ? 4 : interp >= 3.0f ? 3 : interp >= 2.0f ? 2 : 1; }

inline float linear(const View& t, long i, float frac) {
  const float x1 = t.at(i), x2 = t.at(i + 1);
  return x1 + (x2 - x1) * frac;
}

// Reads at index + frac (0 ≤ index < size, 0 ≤ frac < 1).
inline float interpolate(const View& t, long i, float frac, int interp) {
  if (interp <= 1) return t.at(i);
  if (interp == 2) return linear(t, i, frac);
  const float x1 = t.at(i), x2 = t.at(i + 1);
  if (interp == 3) {
    const float f = (1.0f - std::cos(frac * kPi)) * 0.5f;
    return x1 + (x2 - x1) * f;
  }
  // Lagrange through x0..x3 at -1, 0, 1, 2; pyo extrapolates x0 at the start and x3 near the end.
  const float x0 = i == 0 ? x1 + (x1 - x2) : t.at(i - 1);
  const float x3 = i != 0 && i >= t.size - 2 ? x2 + (x2 - x1) : t.at(i + 2);
  const float c3 = (frac * frac - 1.0f) * (1.0f / 6.0f) * frac;  // (f+1) f (f-1) / 6
  const float c2 = ((frac + 1.0f) * 0.5f - 3.0f * (frac * frac - 1.0f) * (1.0f / 6.0f)) * frac;
  const float c0 = ((frac + 1.0f) * 0.5f - 1.0f - (frac * frac - 1.0f) * (1.0f / 6.0f)) * frac;
  const float c1 = (3.0f * (frac * frac - 1.0f) * (1.0f / 6.0f) - frac) * frac + 1.0f;
  return c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
}

// pyo's Osc_clip: x wrapped into [0, size).
inline double wrap(double x, long size) {
  if (x < 0) return x + (static_cast<double>(static_cast<long>(-x / size)) + 1.0) * size;
  if (x >= size) return x - static_cast<double>(static_cast<long>(x / size)) * size;
  return x;
}

}  // namespace patchc::kernel::table
