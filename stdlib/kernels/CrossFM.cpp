// CrossFM(carrier, ratio, ind1, ind2): two sines that modulate each other's frequency, as pyo 1.0.4 documents:
// the modulator's frequency is M = carrier·ratio deviated by the carrier's last sample times carrier·ind1, the
// carrier's is carrier deviated by the modulator's current sample times M·ind2; the output is their mean. The
// sample order is pyo's (measured): the modulator reads the carrier of the previous sample (0 at first), then the
// carrier reads this sample's modulator; each sine is read at its phase before the step.
#include "stdlib/kernels/CrossFM.h"

#include "stdlib/kernels/PhaseAccumulator.h"

using namespace patchc::kernel;
using namespace patchc::kernel::crossfm;

PATCHC_KERNEL_INIT(CrossFM) { *static_cast<State*>(state_) = {0.0, 0.0, 0.0f}; }

PATCHC_KERNEL_PROCESS(CrossFM) {
  auto* s = static_cast<State*>(state_);
  double carrierPhase = s->carrier, modulatorPhase = s->modulator;
  float c = s->carrierOut;
  for (int i = 0; i < n; ++i) {
    const float carrier = in[kCarrier][i];
    const float modulator = carrier * in[kRatio][i];
    const float m = sinCycles(phase::next(modulatorPhase, modulator + c * carrier * in[kInd1][i], env));
    c = sinCycles(phase::next(carrierPhase, carrier + m * modulator * in[kInd2][i], env));
    out[i] = 0.5f * (c + m);
  }
  *s = {carrierPhase, modulatorPhase, c};
}
