// Scale(input, inmin, inmax, outmin, outmax, exp): pyo 1.0.4's range mapping. pyo sorts each range (and
// remembers that it was reversed), clips the input to its range, and maps through t^exp. Every parameter is read
// per sample (pyo reads them once per buffer), so the object is stateless.
#include "stdlib/kernels/Scale.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::scale;

namespace {

inline float scaled(float x, float inLow, float inHigh, float outLow, float outHigh, float exponent) {
  const bool inReversed = !(inLow < inHigh), outReversed = !(outLow < outHigh);
  if (inReversed) {
    const float t = inLow;
    inLow = inHigh;
    inHigh = t;
  }
  if (outReversed) {
    const float t = outLow;
    outLow = outHigh;
    outHigh = t;
  }
  const float inRange = inHigh - inLow, outRange = outHigh - outLow;
  if (inRange == 0.0f || outRange == 0.0f) return outLow;
  x = x < inLow ? inLow : (x > inHigh ? inHigh : x);
  float t = (x - inLow) / inRange;
  if (inReversed) t = 1.0f - t;
  if (exponent < 0.0f) exponent = 0.0f;
  if (exponent != 1.0f) t = std::pow(t, exponent);
  return outReversed ? outHigh - t * outRange : t * outRange + outLow;
}

}  // namespace

PATCHC_KERNEL_INIT(Scale) {}

PATCHC_KERNEL_PROCESS(Scale) {
  for (int i = 0; i < n; ++i)
    out[i] = scaled(in[kInput][i], in[kInmin][i], in[kInmax][i], in[kOutmin][i], in[kOutmax][i], in[kExp][i]);
}
