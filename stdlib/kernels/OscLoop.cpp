// OscLoop(table, freq, feedback): Osc's phase (the position steps by freq·size/sr before each read, as pyo's), read
// at an offset of the last output times feedback·size: phase modulation by its own output, which brightens the
// waveform as feedback grows. feedback is clipped to [0, 1] as pyo does.
#include "stdlib/kernels/OscLoop.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::oscloop;

PATCHC_KERNEL_INIT(OscLoop) { *static_cast<State*>(state_) = {0.0, 0.0f}; }

PATCHC_KERNEL_PROCESS(OscLoop) {
  auto* state = static_cast<State*>(state_);
  const table::View t = table::view(in[kTable]);
  if (t.size == 0) {
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  const double size = static_cast<double>(t.size), perHz = size / static_cast<double>(env->sampleRate);
  double position = state->position;
  float last = state->last;
  for (int i = 0; i < n; ++i) {
    const double step = static_cast<double>(in[kFreq][i]) * perHz;
    if (std::isfinite(step)) position = table::wrap(position + step, t.size);
    float feedback = in[kFeedback][i];
    feedback = feedback > 0.0f ? (feedback < 1.0f ? feedback : 1.0f) : 0.0f;  // NaN: 0
    double at = position + static_cast<double>(last) * static_cast<double>(feedback) * size;
    at = std::isfinite(at) ? table::wrap(at, t.size) : position;
    const long whole = static_cast<long>(at);
    last = table::linear(t, whole, static_cast<float>(at - static_cast<double>(whole)));
    out[i] = last;
  }
  state->position = position;
  state->last = last;
}
