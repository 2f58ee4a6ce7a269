// Tables of one shape: ChebyTable (Chebyshev polynomials, for waveshaping), AtanTable (an arctangent transfer
// function), ParaTable (a parabola), HannTable and WinTable (windows).
#include "stdlib/tables/Fill.h"

using namespace patchc;
using namespace patchc::tables;

namespace {

// Chebyshev polynomial T_{k+1}(x), k = 0..11, in powers of x as pyo writes them (powf).
float chebyshev(size_t k, float x) {
  auto p = [x](int n) { return floatPow(x, n); };
  switch (k) {
    case 0: return x;
    case 1: return 2 * p(2) - 1;
    case 2: return 4 * p(3) - 3 * x;
    case 3: return 8 * p(4) - 8 * p(2) + 1;
    case 4: return 16 * p(5) - 20 * p(3) + 5 * x;
    case 5: return 32 * p(6) - 48 * p(4) + 18 * p(2) - 1;
    case 6: return 64 * p(7) - 112 * p(5) + 56 * p(3) - 7 * x;
    case 7: return 128 * p(8) - 256 * p(6) + 160 * p(4) - 32 * p(2) + 1;
    case 8: return 256 * p(9) - 576 * p(7) + 432 * p(5) - 120 * p(3) + 9 * x;
    case 9: return 512 * p(10) - 1280 * p(8) + 1120 * p(6) - 400 * p(4) + 50 * p(2) - 1;
    case 10: return 1024 * p(11) - 2816 * p(9) + 2816 * p(7) - 1232 * p(5) + 220 * p(3) - 11 * x;
    default: return 2048 * p(12) - 6144 * p(10) + 6912 * p(8) - 3584 * p(6) + 840 * p(4) - 72 * p(2) + 1;
  }
}

// pyo's gen_window (its FFT windows), types 0–8; any other type is Hanning.
void window(std::vector<float>& data, size_t size, int type) {
  const long n = static_cast<long>(size);
  float arg;
  switch (type) {
    case 0:
      for (long i = 0; i < n; ++i) data[i] = 1.0f;
      return;
    case 1:
      arg = 2.0 * kPi / (n - 1);
      for (long i = 0; i < n; ++i) data[i] = 0.54 - 0.46 * floatCos(arg * i);
      return;
    case 3: {
      arg = 2.0 / (n - 1);
      long i = 0;
      for (; i < (n - 1) / 2; ++i) data[i] = i * arg;
      for (; i < n; ++i) data[i] = 2.0 - i * arg;
      return;
    }
    case 4:
      arg = 2.0 * kPi / (n - 1);
      for (long i = 0; i < n; ++i) data[i] = 0.42323 - 0.49755 * floatCos(arg * i) + 0.07922 * floatCos(2 * arg * i);
      return;
    case 5:
      arg = 2.0 * kPi / (n - 1);
      for (long i = 0; i < n; ++i)
        data[i] = 0.35875 - 0.48829 * floatCos(arg * i) + 0.14128 * floatCos(2 * arg * i) - 0.01168 * floatCos(3 * arg * i);
      return;
    case 6:
      arg = 2.0 * kPi / (n - 1);
      for (long i = 0; i < n; ++i)
        data[i] = 0.2712203606 - 0.4334446123 * floatCos(arg * i) + 0.21800412 * floatCos(2 * arg * i) -
                  0.0657853433 * floatCos(3 * arg * i) + 0.0107618673 * floatCos(4 * arg * i) -
                  0.0007700127 * floatCos(5 * arg * i) + 0.00001368088 * floatCos(6 * arg * i);
      return;
    case 7: {
      // Tukey, alpha = 0.66.
      arg = 0.66f;
      long i = 0;
      for (; i < static_cast<int>(arg * n / 2); ++i) data[i] = 0.5 * (1 + floatCos(kPi * (2 * i / (arg * n) - 1)));
      for (; i < static_cast<int>(n * (1 - arg / 2)); ++i) data[i] = 1.0f;
      for (; i < n; ++i) data[i] = 0.5 * (1 + floatCos(kPi * (2 * i / (arg * n) - 2 / arg + 1)));
      return;
    }
    case 8:
      arg = kPi / (n - 1);
      for (long i = 0; i < n; ++i) data[i] = floatSin(arg * i);
      return;
    default:
      arg = 2.0 * kPi / (n - 1);
      for (long i = 0; i < n; ++i) data[i] = 0.5 - 0.5 * floatCos(arg * i);
      return;
  }
}

}  // namespace

PATCHC_TABLE(ChebyTable) {
  spec.doc = "A sum of Chebyshev polynomials over [-1, 1]: a waveshaping transfer function (read with Lookup).";
  spec.parameter(numbers("list", {1.0, 0.0}, "amplitudes of T1, T2, ... (at most 12)"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "Σ list[k]·T_{k+1}(x), x = (i - size/2)/(size/2); guard point = the last sample";
  spec.differences = "pyo uses the first 12 amplitudes and ignores the rest; so does patchc";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    const size_t size = sizeArgument(args, 1);
    TableContents contents = oneChannel(size);
    auto& data = contents.channels[0];
    const auto& amplitudes = args[0].numbers;
    const size_t count = std::min<size_t>(amplitudes.size(), 12);
    const long half = static_cast<long>(size / 2);
    const float inverseHalf = 1.0 / half;
    for (size_t i = 0; i < size; ++i) {
      float value = 0;
      const float x = (static_cast<long>(i) - half) * inverseHalf;
      for (size_t k = 0; k < count; ++k) value += chebyshev(k, x) * static_cast<float>(amplitudes[k]);
      data[i] = value;
    }
    data[size] = data[size - 1];
    return contents;
  };
}

PATCHC_TABLE_REFILL(AtanTable);  // refill/ShapeTables.cpp

PATCHC_TABLE(AtanTable) {
  spec.doc = "An arctangent transfer function from -1 to 1 (read with Lookup): a soft clipper.";
  spec.parameter(number("slope", 0.5, "0 a gentle curve, towards 1 a square step"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "atan2(2i/size - 1, (1 - slope)³·π), scaled to -1 at i = 0, odd about the middle";
  spec.refill = patchc_table_refill_AtanTable;
  spec.fill = [](const TableArguments& args, const TableContext&) {
    return refilled(patchc_table_refill_AtanTable, {args[0].number}, sizeArgument(args, 1));
  };
}

PATCHC_TABLE(ParaTable) {
  spec.doc = "A parabola from 0 up to 1 and back to 0.";
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "second-order difference recursion in floats as pyo; the last sample and the guard point 0";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    const size_t size = sizeArgument(args, 0);
    TableContents contents = oneChannel(size);
    auto& data = contents.channels[0];
    const size_t last = size - 1;
    const float step = 1.0 / last, step2 = step * step;
    float level = 0.0f, slope = 4.0 * (step - step2);
    const float curve = -8.0 * step2;
    for (size_t i = 0; i < last; ++i) {
      data[i] = level;
      level += slope;
      slope += curve;
    }
    data[last] = data[0];
    data[size] = data[0];
    return contents;
  };
}

PATCHC_TABLE(HannTable) {
  spec.doc = "A Hanning window (a grain envelope).";
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "0.5 + 0.5·cos(2π(i - (size/2 - 1))/size): pyo's, which peaks at size/2 - 1";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    const size_t size = sizeArgument(args, 0);
    TableContents contents = oneChannel(size);
    auto& data = contents.channels[0];
    const long half = static_cast<long>(size / 2) - 1;
    for (size_t i = 0; i < size; ++i)
      data[i] = 0.5 + (floatCos(2 * kPi * (static_cast<long>(i) - half) / static_cast<double>(size)) * 0.5);
    data[size] = data[0];
    return contents;
  };
}

PATCHC_TABLE(WinTable) {
  spec.doc = "A window: 0 rectangular, 1 Hamming, 2 Hanning, 3 Bartlett, 4 Blackman 3-term, 5 Blackman-Harris "
             "4-term, 6 Blackman-Harris 7-term, 7 Tukey (0.66), 8 half-sine.";
  spec.parameter(number("type", 2, "the window's type, 0–8 (any other: Hanning)"));
  spec.parameter(number("size", 8192, "number of samples"));
  spec.algorithm = "pyo's window formulas over size - 1 intervals; guard point = the first sample";
  spec.fill = [](const TableArguments& args, const TableContext&) {
    const size_t size = sizeArgument(args, 1);
    TableContents contents = oneChannel(size);
    auto& data = contents.channels[0];
    const double type = std::floor(args[0].number);
    window(data, size, type >= 0 && type <= 8 ? static_cast<int>(type) : 2);
    data[size] = data[0];
    return contents;
  };
}
