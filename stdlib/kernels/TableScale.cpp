// TableScale(table, outtable, mul, add): pyo's table copy: every process call (pyo's block) writes
// table[i] · mul + add into outtable for each sample both have, leaving outtable's guard point alone as pyo does.
#include "stdlib/kernels/TableScale.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::tablescale;

PATCHC_KERNEL_INIT(TableScale) {}

PATCHC_KERNEL_PROCESS(TableScale) {
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  const table::View from = table::view(in[kTable]);
  const table::Written to = table::writable(in[kOuttable]);
  const long count = from.size < to.size ? from.size : to.size;
  for (long i = 0; i < count; ++i) {
    const int at = i < n ? static_cast<int>(i) : n - 1;
    to.data[i] = from.data[i] * in[kTableMul][at] + in[kTableAdd][at];
  }
}
