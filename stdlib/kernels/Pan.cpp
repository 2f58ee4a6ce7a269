// Pan: each output is the input times its channel's gain, sample by sample (gains: Pan.h's algorithm). With a
// constant pan and spread, LLVM hoists the gains out of the loop once the kernel is inlined.
#include "stdlib/kernels/Pan.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/Panning.h"

#include <utility>

using namespace patchc::kernel;
using namespace patchc::kernel::pan;
using patchc::kernel::panning::unit;

PATCHC_KERNEL_INIT(Pan) {}

PATCHC_KERNEL_PROCESS_OUTPUTS(Pan) {
  const int outs = patchc::declare::countedOutputs(in[kOuts].value());
  const auto cosineLaw = [](float p) {
    const float angle = p * (0.5f * kPi);
    return std::pair{std::cos(angle), std::sin(angle)};
  };
  if (panning::panToOneOrTwo(in[kInput], in[kPan], out, outs, n, cosineLaw)) return;
  const float inverseOuts = 1.0f / static_cast<float>(outs);
  for (int j = 0; j < outs; ++j) {
    float* channel = out[j];
    const float centre = static_cast<float>(j) * inverseOuts;
    for (int i = 0; i < n; ++i) {
      const float exponent = 20.1f - 20.0f * std::sqrt(unit(in[kSpread][i]));
      const float closeness = 0.5f + 0.5f * std::cos((unit(in[kPan][i]) - centre) * kTwoPi);
      channel[i] = in[kInput][i] * std::pow(closeness, exponent);
    }
  }
}
