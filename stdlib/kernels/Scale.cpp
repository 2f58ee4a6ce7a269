// Scale(input, inmin, inmax, outmin, outmax, exp): pyo 1.0.4's range mapping. pyo sorts each range (and
// remembers that it was reversed), clips the input to its range, and maps through t^exp.
#include "stdlib/kernels/Scale.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::scale;

PATCHC_KERNEL_INIT(Scale) {}

PATCHC_KERNEL_PROCESS(Scale) {
  // Once per block, as pyo reads them.
  float inLow = in[kInmin][0], inHigh = in[kInmax][0], outLow = in[kOutmin][0], outHigh = in[kOutmax][0];
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
  float exponent = in[kExp][0];
  if (exponent < 0.0f) exponent = 0.0f;
  if (inRange == 0.0f || outRange == 0.0f) {
    for (int i = 0; i < n; ++i) out[i] = outLow;
    return;
  }
  const bool linear = exponent == 1.0f;
  for (int i = 0; i < n; ++i) {
    float x = in[kInput][i];
    x = x < inLow ? inLow : (x > inHigh ? inHigh : x);
    float t = (x - inLow) / inRange;
    if (inReversed) t = 1.0f - t;
    if (!linear) t = std::pow(t, exponent);
    out[i] = outReversed ? outHigh - t * outRange : t * outRange + outLow;
  }
}
