// Break-point tables: segments between (index, value) points, straight (LinTable), cosine (CosTable),
// exponential (ExpTable) or a Hermite curve with tension and bias (CurveTable).
#include "stdlib/tables/Fill.h"

using namespace patchc;
using namespace patchc::tables;

namespace {

struct Point {
  long index;  // pyo takes int(x) of the position
  float value;
};

// The points of argument `index`: at least two, positions increasing (pyo prints an error and leaves the table
// half-made; patchc refuses them).
std::vector<Point> pointsArgument(const TableArguments& args, size_t index, const char* table) {
  const auto& flat = args[index].numbers;
  std::vector<Point> points;
  for (size_t i = 0; i + 1 < flat.size(); i += 2)
    points.push_back({static_cast<long>(std::trunc(flat[i])), static_cast<float>(flat[i + 1])});
  if (points.size() < 2) throw TableArgumentError(index, std::string(table) + " needs at least two points");
  for (size_t i = 1; i < points.size(); ++i)
    if (points[i].index <= points[i - 1].index)
      throw TableArgumentError(index, std::string(table) + "'s point positions must increase (point " +
                                          std::to_string(i) + " is at " + std::to_string(points[i].index) +
                                          ", after " + std::to_string(points[i - 1].index) + ")");
  if (points.front().index < 0) throw TableArgumentError(index, std::string(table) + "'s first position is negative");
  return points;
}

// Writes data[at] when it is inside the table (pyo writes past the end of points beyond the size).
void put(std::vector<float>& data, long at, float value) {
  if (at >= 0 && static_cast<size_t>(at) < data.size()) data[static_cast<size_t>(at)] = value;
}

}  // namespace

PATCHC_TABLE_REFILL(LinTable);  // refill/SegmentTables.cpp

PATCHC_TABLE(LinTable) {
  spec.doc = "Straight segments between (index, value) points.";
  spec.parameter(points("list", {0, 0.0, 8191, 1.0}, "points [(index, value), ...], indices increasing"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "v0 + (v1 - v0)/(i1 - i0)·j in floats; after the last point 0, or its value when it is last";
  spec.refill = patchc_table_refill_LinTable;
  spec.fill = [](const TableArguments& args, const TableContext&) {
    const size_t size = sizeArgument(args, 1);
    pointsArgument(args, 0, "LinTable");
    return refilled(patchc_table_refill_LinTable, args[0].numbers, size);
  };
}

PATCHC_TABLE_REFILL(CosTable);  // refill/SegmentTables.cpp

PATCHC_TABLE(CosTable) {
  spec.doc = "Cosine-interpolated segments between (index, value) points.";
  spec.parameter(points("list", {0, 0.0, 8191, 1.0}, "points [(index, value), ...], indices increasing"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "mu = j/steps, mu' = (1 - cos(π·mu))/2, v0·(1 - mu') + v1·mu'; ends as LinTable";
  spec.refill = patchc_table_refill_CosTable;
  spec.fill = [](const TableArguments& args, const TableContext&) {
    const size_t size = sizeArgument(args, 1);
    pointsArgument(args, 0, "CosTable");
    return refilled(patchc_table_refill_CosTable, args[0].numbers, size);
  };
}

PATCHC_TABLE(ExpTable) {
  spec.doc = "Exponential segments between (index, value) points.";
  spec.parameter(points("list", {0, 0.0, 8192, 1.0}, "points [(index, value), ...], indices increasing"));
  spec.parameter(number("exp", 10, "the exponent of each segment's curve"));
  spec.parameter(boolean("inverse", true, "True: falling segments curve the other way (mirror of rising ones)"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "x^exp over each segment (1 - (1-x)^exp falling, with inverse), x stepped by 1/steps in "
                   "floats; 0 after the last point; guard point = the last value";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    const size_t size = sizeArgument(args, 3);
    const auto points = pointsArgument(args, 0, "ExpTable");
    const float exponent = static_cast<float>(args[1].number);
    const bool inverse = args[2].number == 1.0;
    TableContents contents = oneChannel(size);
    auto& data = contents.channels[0];
    for (size_t p = 0; p + 1 < points.size(); ++p) {
      const long steps = points[p + 1].index - points[p].index;
      const float y1 = points[p].value, range = points[p + 1].value - y1;
      const float increment = 1.0 / steps;
      float x = 0.0f;
      for (long j = 0; j < steps; ++j) {
        const float scale = inverse && range < 0 ? 1.0 - floatPow(1.0 - x, exponent) : floatPow(x, exponent);
        put(data, points[p].index + j, scale * range + y1);
        x += increment;
      }
    }
    data[size] = points.back().value;
    return contents;
  };
}

PATCHC_TABLE(CurveTable) {
  spec.doc = "Hermite-curve segments through (index, value) points, with tension and bias.";
  spec.parameter(points("list", {0, 0.0, 8191, 1.0}, "points [(index, value), ...], indices increasing"));
  spec.parameter(number("tension", 0, "1 tight, 0 normal, -1 loose"));
  spec.parameter(number("bias", 0, "positive towards the first point of a segment, negative towards the second"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "Hermite interpolation (tension, bias) between the points, imaginary points beyond both ends "
                   "as pyo makes them; 0 after the last point; guard point = the last sample";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    const size_t size = sizeArgument(args, 3);
    const auto given = pointsArgument(args, 0, "CurveTable");
    const float tension = static_cast<float>(args[1].number), bias = static_cast<float>(args[2].number);
    TableContents contents = oneChannel(size);
    auto& data = contents.channels[0];
    // The values with one imaginary point before the first and after the last (pyo's rule).
    const size_t n = given.size();
    std::vector<float> values(n + 2);
    for (size_t i = 0; i < n; ++i) values[i + 1] = given[i].value;
    values[0] = values[1] < values[2] ? values[1] - values[2] : values[1] + values[2];
    values[n + 1] = values[n - 1] < values[n] ? values[n] + values[n - 1] : values[n] - values[n - 1];
    for (size_t i = 1; i < n; ++i) {
      const long start = given[i - 1].index, steps = given[i].index - start;
      const float y0 = values[i - 1], y1 = values[i], y2 = values[i + 1], y3 = values[i + 2];
      for (long j = 0; j < steps; ++j) {
        const float mu = static_cast<float>(j) / steps, mu2 = mu * mu, mu3 = mu2 * mu;
        float m0 = (y1 - y0) * (1.0 + bias) * (1.0 - tension) / 2.0;
        m0 += (y2 - y1) * (1.0 - bias) * (1.0 - tension) / 2.0;
        float m1 = (y2 - y1) * (1.0 + bias) * (1.0 - tension) / 2.0;
        m1 += (y3 - y2) * (1.0 - bias) * (1.0 - tension) / 2.0;
        const float a0 = 2.0 * mu3 - 3.0 * mu2 + 1.0, a1 = mu3 - 2.0 * mu2 + mu, a2 = mu3 - mu2,
                    a3 = -2.0 * mu3 + 3.0 * mu2;
        put(data, start + j, a0 * y1 + a1 * m0 + a2 * m1 + a3 * y2);
      }
    }
    data[size] = data[size - 1];
    return contents;
  };
}
