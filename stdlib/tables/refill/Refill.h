// Tables recomputed while the patch plays (`table.slope = x`, `table.replace(points)` in a callback): a kind's
// fill as plain code over the table's own samples, declared with PATCHC_TABLE_REFILL(Name) in
// stdlib/tables/refill/*.cpp. Those files are compiled twice: natively, where the kind's compile-time fill
// (stdlib/tables/*.cpp) calls the same function, so both give the same samples; and into the kernels' bitcode,
// where the compiled handlers call it in the audio thread. So: no allocation, no exceptions, no library beyond
// <cmath>; bad arguments (points out of order, outside the table) give some samples, never a write outside them.
//
// The arguments are the table's parameters as floats (stdlib/Table.h's refillArguments): its numbers in declared
// order but its size, then the values of its list if it has one (LinTable's points: index, value, index, ...);
// `count` of them in all. `samples` holds size + 1 floats, the guard point last, set as the kind's fill sets it.
#pragma once

#include <cmath>
#include <cstdint>

#define PATCHC_TABLE_REFILL(Name)                                                                              \
  extern "C" void patchc_table_refill_##Name(const float* arguments, int32_t count, float* samples, int32_t size)

namespace patchc {

using TableRefill = void (*)(const float* arguments, int32_t count, float* samples, int32_t size);

namespace tables {

// pyo's PI (a double) and its float functions (MYSIN = sinf, ...): the argument is made a float first.
constexpr double kPi = 3.14159265358979323846;
inline float floatSin(double x) { return std::sin(static_cast<float>(x)); }
inline float floatCos(double x) { return std::cos(static_cast<float>(x)); }
inline float floatPow(double x, double y) { return std::pow(static_cast<float>(x), static_cast<float>(y)); }

}  // namespace tables
}  // namespace patchc
