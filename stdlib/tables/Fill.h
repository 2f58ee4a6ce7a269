// What the table fills share (Table.h): sizes checked as pyo takes them, one-channel contents, pyo's float
// arithmetic. pyo computes its tables in 32-bit floats (MYFLT) with double constants (PI) and the float libm
// functions; the fills here write the same expressions with the same types, so that they give pyo's samples.
#pragma once

#include "stdlib/Table.h"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace patchc::tables {

// The most samples a computed table may hold (a size argument); sound files are bounded by state-bytes.
constexpr double kMaxSize = 1 << 28;

// Argument `index` as a table's size: a whole number of samples, at least `least`.
inline size_t sizeArgument(const TableArguments& args, size_t index, double least = 2) {
  const double size = std::floor(args[index].number);
  if (!(size >= least))
    throw TableArgumentError(index, "a table's size must be at least " + std::to_string(static_cast<int>(least)) +
                                        " samples");
  if (size > kMaxSize)
    throw TableArgumentError(index, "a table's size may be at most 268435456 samples");
  return static_cast<size_t>(size);
}

// One channel of `size` samples and the guard point, all 0.
inline TableContents oneChannel(size_t size) {
  TableContents contents;
  contents.channels.assign(1, std::vector<float>(size + 1, 0.0f));
  return contents;
}

// pyo's PI and TWOPI (doubles) and its float functions (MYSIN = sinf, ...): the argument is made a float first.
constexpr double kPi = 3.14159265358979323846;
inline float floatSin(double x) { return std::sin(static_cast<float>(x)); }
inline float floatCos(double x) { return std::cos(static_cast<float>(x)); }
inline float floatPow(double x, double y) { return std::pow(static_cast<float>(x), static_cast<float>(y)); }

}  // namespace patchc::tables
