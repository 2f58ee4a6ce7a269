// Tables that sum harmonics of one period: HarmTable (amplitudes given), SawTable and SquareTable (1/n series).
#include "stdlib/tables/Fill.h"

using namespace patchc;
using namespace patchc::tables;

namespace {

// One period of Σ a_j·sin((j+1)·2πi/size), as pyo's HarmTable computes it (float sums, sinf of a float phase);
// the guard point repeats the first sample (the table is periodic).
TableContents harmonics(const std::vector<double>& amplitudes, size_t size) {
  TableContents contents = oneChannel(size);
  auto& data = contents.channels[0];
  const float factor = 1. / (size * 0.5) * kPi;
  for (size_t i = 0; i < size; ++i) {
    float value = 0;
    for (size_t j = 0; j < amplitudes.size(); ++j) {
      const float amplitude = static_cast<float>(amplitudes[j]);
      if (amplitude != 0.0f) value += floatSin(static_cast<float>((j + 1) * i) * factor) * amplitude;
    }
    data[i] = value;
  }
  data[size] = data[0];
  return contents;
}

// pyo's `order` (an int): at least 1 harmonic.
size_t orderArgument(const TableArguments& args, size_t index) {
  const double order = std::floor(args[index].number);
  if (!(order >= 1 && order <= 100000)) throw TableArgumentError(index, "the order must be between 1 and 100000");
  return static_cast<size_t>(order);
}

}  // namespace

PATCHC_TABLE(HarmTable) {
  spec.doc = "One period of a sum of harmonics with the given amplitudes.";
  spec.parameter(numbers("list", {1.0, 0.0}, "relative amplitudes of the harmonics, the fundamental first"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "Σ list[j]·sin((j+1)·2πi/size), in floats as pyo; guard point = the first sample";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    return harmonics(args[0].numbers, sizeArgument(args, 1));
  };
}

PATCHC_TABLE(SawTable) {
  spec.doc = "A band-limited sawtooth: harmonics of amplitude 1/n.";
  spec.parameter(number("order", 10, "number of harmonics"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "HarmTable of [1, 1/2, ..., 1/order]";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    std::vector<double> amplitudes;
    for (size_t i = 1; i <= orderArgument(args, 0); ++i) amplitudes.push_back(1.0 / static_cast<double>(i));
    return harmonics(amplitudes, sizeArgument(args, 1));
  };
}

PATCHC_TABLE(SquareTable) {
  spec.doc = "A band-limited square wave: odd harmonics of amplitude 1/n.";
  spec.parameter(number("order", 10, "number of odd harmonics"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "HarmTable of [1, 0, 1/3, 0, ..., 1/(2·order-1)]";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    std::vector<double> amplitudes;
    for (size_t i = 1; i < orderArgument(args, 0) * 2; ++i)
      amplitudes.push_back(i % 2 == 1 ? 1.0 / static_cast<double>(i) : 0.0);
    return harmonics(amplitudes, sizeArgument(args, 1));
  };
}
