// FM(carrier, ratio, index): out = sin(2π φc); then φc steps by (carrier + m·index·sin(2π φm))/sr and φm by m/sr,
// m = carrier·ratio: the modulator's amplitude in Hz is its frequency times the index, as pyo 1.0.4 documents.
// pyo's first samples (measured) follow the same order: the first sample is sin(0), the first step uses sin(φm = 0).
// Both phases in double (PhaseAccumulator.h's next): a frequency that changes every sample would drift in float.
#include "stdlib/kernels/FM.h"

#include "stdlib/kernels/PhaseAccumulator.h"

using namespace patchc::kernel;
using namespace patchc::kernel::fm;

PATCHC_KERNEL_INIT(FM) { *static_cast<State*>(state_) = {0.0, 0.0}; }

PATCHC_KERNEL_PROCESS(FM) {
  auto* s = static_cast<State*>(state_);
  double carrierPhase = s->carrier, modulatorPhase = s->modulator;
  for (int i = 0; i < n; ++i) {
    const float carrier = in[kCarrier][i];
    const float modulator = carrier * in[kRatio][i];
    const float deviation = modulator * in[kIndex][i];
    const float m = sinCycles(phase::next(modulatorPhase, modulator, env));
    out[i] = sinCycles(phase::next(carrierPhase, carrier + deviation * m, env));
  }
  *s = {carrierPhase, modulatorPhase};
}
