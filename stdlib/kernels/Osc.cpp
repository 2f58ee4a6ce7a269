// Osc(table, freq, phase, interp): pyo's wavetable oscillator. The read position advances by freq·size/sr before
// each sample is read (so the first sample is at one step, as pyo's), wraps into [0, size), and phase·size is
// added and wrapped (stdlib/kernels/TableReading.h for the interpolations).
#include "stdlib/kernels/Osc.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::osc;

PATCHC_KERNEL_INIT(Osc) { static_cast<osc::State*>(state_)->position = 0.0; }

PATCHC_KERNEL_PROCESS(Osc) {
  auto* state = static_cast<osc::State*>(state_);
  const table::View t = table::view(in[kTable]);
  if (t.size == 0) {
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  const int interp = table::interpolation(in[kInterp].value());
  const double size = static_cast<double>(t.size), perHz = size / static_cast<double>(env->sampleRate);
  double position = state->position;
  for (int i = 0; i < n; ++i) {
    const double step = static_cast<double>(in[kFreq][i]) * perHz;
    if (std::isfinite(step)) position = table::wrap(position + step, t.size);
    const float phase = in[kPhase][i];
    double at = position + (std::isfinite(phase) ? static_cast<double>(phase) * size : 0.0);
    at = table::wrap(at, t.size);
    const long whole = static_cast<long>(at);
    out[i] = table::interpolate(t, whole, static_cast<float>(at - static_cast<double>(whole)), interp);
  }
  state->position = position;
}
