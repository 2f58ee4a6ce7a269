// TableScan(table): out[k] = table[k mod size], as pyo 1.0.4 (measured: the first sample is the table's first).
#include "stdlib/kernels/TableScan.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::tablescan;

PATCHC_KERNEL_INIT(TableScan) { static_cast<State*>(state_)->next = 0.0; }

PATCHC_KERNEL_PROCESS(TableScan) {
  auto* state = static_cast<State*>(state_);
  const table::View t = table::view(in[kTable]);
  if (t.size == 0) {
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  long next = static_cast<long>(state->next);
  if (next >= t.size || next < 0) next = 0;  // another table of another size (setTable)
  for (int i = 0; i < n; ++i) {
    out[i] = t.data[next];
    if (++next >= t.size) next = 0;
  }
  state->next = static_cast<double>(next);
}
