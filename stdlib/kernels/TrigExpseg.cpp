// TrigExpseg(input, list, exp, inverse): on each sample where the input is exactly 1 (a trigger) the envelope
// restarts; k samples after it (t = k/sr), in the segment that holds t, with f its fraction of the segment:
//   v_k + (v_{k+1} − v_k)·f^exp                 (a rising segment, or any segment when inverse = 0)
//   v_k + (v_{k+1} − v_k)·(1 − (1 − f)^exp)     (a falling segment when inverse = 1)
// v0 before t0, the last value after, held until the next trigger; 0 before the first trigger. pyo 1.0.4 gives
// these samples (measured: [(0, 0), (0.01, 1), (0.02, 0.5)], exp=3, on Metro(0.05)'s triggers, both inverses).
#include "stdlib/kernels/TrigExpseg.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::trigexpseg;

PATCHC_KERNEL_INIT(TrigExpseg) { trigsegments::start(*static_cast<trigsegments::State*>(state_)); }

PATCHC_KERNEL_PROCESS(TrigExpseg) {
  const float exp = in[kExp].value();
  const double exponent = exp > 0.0f ? exp : 0.0;  // NaN and below 0: 0
  trigsegments::process(*static_cast<trigsegments::State*>(state_), in[kInput], in[kList], exponent,
                        in[kInverse].value() > 0.5f, out, n, env);
}
