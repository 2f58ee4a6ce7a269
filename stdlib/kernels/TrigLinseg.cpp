// TrigLinseg(input, list): on each sample where the input is exactly 1 (a trigger) the envelope restarts; k samples
// after it (t = k/sr) it is Linseg's line through the breakpoints (TrigSegments.h: v0 before t0, the lines between,
// the last value after, held until the next trigger); 0 before the first trigger (pyo 1.0.4, measured). As Linseg
// the lines are exact at the breakpoints; pyo 1.0.4 sums an increment from the trigger's sample on, so it is one
// sample ahead: with [(0, 0), (0.01, 1), (0.02, 0.5)] it outputs 0.002268 on the trigger's sample, 1 on the 440th
// after and 0.5 from the 881st; patchc 0, 1 on the 441st and 0.5 from the 882nd (measured, Metro(0.05) triggers).
#include "stdlib/kernels/TrigLinseg.h"

#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::triglinseg;

PATCHC_KERNEL_INIT(TrigLinseg) { trigsegments::start(*static_cast<trigsegments::State*>(state_)); }

PATCHC_KERNEL_PROCESS(TrigLinseg) {
  trigsegments::process(*static_cast<trigsegments::State*>(state_), in[kInput], in[kList], 1.0, false, out, n, env);
}
