// Pointer2(table, index, interp, autosmooth): the table at index·size, wrapped into [0, size) as pyo's Osc_clip
// does, with pyo's interpolations (TableReading.h). autosmooth: a slow read (a position that moves d < 1 samples
// a sample) plays the table's contents below their own rate, and its interpolation leaves steps that sound as
// aliasing; two one-pole low-passes in series at 0.45·d·tableRate Hz (just under the Nyquist frequency of the
// table read at that speed) smooth them, as pyo 1.0.4 does (measured: its gains at five frequencies). A faster
// read, or a jump, passes unfiltered and resets the low-passes to the read.
#include "stdlib/kernels/Pointer2.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::pointer2;

PATCHC_KERNEL_INIT(Pointer2) { *static_cast<State*>(state_) = {0.0f, 0.0f, 0.0}; }

PATCHC_KERNEL_PROCESS(Pointer2) {
  auto* state = static_cast<State*>(state_);
  State s = *state;
  const table::View t = table::view(in[kTable]);
  const int interp = table::interpolation(in[kInterp].value());
  const bool smooth = in[kAutosmooth].value() != 0.0f;
  const float givenRate = in[kTableSampleRate].value();
  const double tableRate = givenRate > 0.0f ? givenRate : env->sampleRate;
  const double minusTwoPiOverSr = -2.0 * 3.14159265358979323846 / static_cast<double>(env->sampleRate);
  for (int i = 0; i < n; ++i) {
    const float index = in[kIndex][i];
    float value = 0.0f;
    double at = s.last;
    if (t.size > 0 && std::isfinite(index)) {
      at = table::wrap(static_cast<double>(index) * static_cast<double>(t.size), t.size);
      const long whole = static_cast<long>(at);
      value = table::interpolate(t, whole, static_cast<float>(at - static_cast<double>(whole)), interp);
    }
    if (smooth) {
      const double moved = std::fabs(at - s.last);
      s.last = at;
      if (moved < 1.0) {
        const float c = static_cast<float>(std::exp(minusTwoPiOverSr * moved * tableRate * 0.45));
        s.y1 = value + (s.y1 - value) * c;
        s.y2 = s.y1 + (s.y2 - s.y1) * c;
        value = s.y2;
      } else {
        s.y1 = s.y2 = value;
      }
    } else {
      s.y1 = s.y2 = value;
    }
    out[i] = value;
  }
  *state = s;
}
