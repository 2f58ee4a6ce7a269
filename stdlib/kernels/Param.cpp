// Param: outputs the value its state holds (Param.h). Readers that take a control-rate input read the state
// itself (the code generator passes it with stride 0); the buffer is for the others (Mix, gathers).
#include "stdlib/kernels/Param.h"
#include "stdlib/Kernel.h"

using namespace patchc::kernel;
using namespace patchc::kernel::param;

PATCHC_KERNEL_INIT(Param) { static_cast<State*>(state_)->value = in[kInitial].value(); }

PATCHC_KERNEL_PROCESS(Param) {
  const float value = static_cast<State*>(state_)->value;
  for (int i = 0; i < n; ++i) out[i] = value;
}
