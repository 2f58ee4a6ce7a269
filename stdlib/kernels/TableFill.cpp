// TableFill(input, table): pyo's continuous writer: each input sample goes to the next sample of the table,
// wrapping at its end. As pyo's, it neither fades nor keeps old samples, and leaves the guard point alone.
#include "stdlib/kernels/TableFill.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::tablefill;

PATCHC_KERNEL_INIT(TableFill) { static_cast<tablefill::State*>(state_)->pointer = 0; }

PATCHC_KERNEL_PROCESS(TableFill) {
  auto* state = static_cast<tablefill::State*>(state_);
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  const table::Written t = table::writable(in[kTable]);
  if (t.size == 0) return;
  long pointer = state->pointer;
  for (int i = 0; i < n; ++i) {
    t.data[pointer] = in[kInput][i];
    if (++pointer >= t.size) pointer = 0;
  }
  state->pointer = pointer;
}
