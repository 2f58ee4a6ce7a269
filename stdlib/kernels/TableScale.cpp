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
  const float mul = in[kTableMul].value(), add = in[kTableAdd].value();
  for (long i = 0; i < count; ++i) to.data[i] = from.data[i] * mul + add;
}
