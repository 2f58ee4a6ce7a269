// What the table fills share (Table.h): sizes checked as pyo takes them, one-channel contents, pyo's float
// arithmetic. pyo computes its tables in 32-bit floats (MYFLT) with double constants (PI) and the float libm
// functions; the fills here write the same expressions with the same types, so that they give pyo's samples.
#pragma once

#include "stdlib/Table.h"
#include "stdlib/tables/refill/Refill.h"

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

// A kind whose compile-time fill is its refill (refill/Refill.h): one channel computed by the same code a handler
// runs while playing, from the arguments as doubles (made floats here, as the refill gets them).
inline TableContents refilled(TableRefill refill, const std::vector<double>& arguments, size_t size) {
  std::vector<float> numbers(arguments.begin(), arguments.end());
  TableContents contents = oneChannel(size);
  refill(numbers.data(), static_cast<int32_t>(numbers.size()), contents.channels[0].data(), static_cast<int32_t>(size));
  return contents;
}

}  // namespace patchc::tables
