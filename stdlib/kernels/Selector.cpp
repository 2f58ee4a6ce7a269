// Selector(inputs, voice): out = input j·w1 + input j+1·w2 with v = clip(voice, 0, n − 1), j = ⌊v⌋ (n − 2 when
// v = n − 1), f = v − j, and w1 = √(1 − f), w2 = √f (equal power: constant power for uncorrelated inputs, pyo's
// default) or 1 − f, f (linear, setMode(1)). One object passes through.
#include "stdlib/kernels/Selector.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::selector;

PATCHC_KERNEL_INIT(Selector) {}

PATCHC_KERNEL_PROCESS(Selector) {
  const int count = choices(in[kCount].value());
  const bool linear = in[kMode].value() >= 0.5f;
  auto choice = [&](int k) -> const In& { return k == 0 ? in[kInputs] : in[kInput1 + k - 1]; };
  if (count == 1) {
    for (int i = 0; i < n; ++i) out[i] = in[kInputs][i];
    return;
  }
  const float top = static_cast<float>(count - 1);
  for (int i = 0; i < n; ++i) {
    float v = in[kVoice][i];
    v = v > 0.0f ? (v < top ? v : top) : 0.0f;  // NaN: 0
    int j = static_cast<int>(v);
    if (j >= count - 1) j = count - 2;
    float f = v - static_cast<float>(j);
    f = f < 0.0f ? 0.0f : (f > 1.0f ? 1.0f : f);
    const float w1 = linear ? 1.0f - f : std::sqrt(1.0f - f), w2 = linear ? f : std::sqrt(f);
    out[i] = choice(j)[i] * w1 + choice(j + 1)[i] * w2;
  }
}
