// SPan: the input shared by the two channels around the position, with equal-power gains √(1 − f) and √f
// (SPan.h's algorithm), sample by sample.
#include "stdlib/kernels/SPan.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/Panning.h"

#include <utility>

using namespace patchc::kernel;
using namespace patchc::kernel::span;
using patchc::kernel::panning::unit;

PATCHC_KERNEL_INIT(SPan) {}

PATCHC_KERNEL_PROCESS_OUTPUTS(SPan) {
  const int outs = patchc::declare::countedOutputs(in[kOuts].value());
  const auto squareRootLaw = [](float p) { return std::pair{std::sqrt(1.0f - p), std::sqrt(p)}; };
  if (panning::panToOneOrTwo(in[kInput], in[kPan], out, outs, n, squareRootLaw)) return;
  const float count = static_cast<float>(outs);
  for (int i = 0; i < n; ++i) {
    const float pan = in[kPan][i];
    const int k = panning::passedChannel(pan, outs);
    const int next = k + 1 == outs ? 0 : k + 1;
    const float f = unit((pan - static_cast<float>(k) / count) * count);
    const float x = in[kInput][i];
    for (int j = 0; j < outs; ++j) out[j][i] = 0.0f;
    out[k][i] = x * std::sqrt(1.0f - f);
    out[next][i] += x * std::sqrt(f);
  }
}
