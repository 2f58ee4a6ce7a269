// TableIndex(table, index): table[int(index)], the index truncated toward 0 (as a C cast) and held within
// [0, size - 1], as pyo's TableIndex.
#include "stdlib/kernels/TableIndex.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::tableindex;

PATCHC_KERNEL_INIT(TableIndex) {}

PATCHC_KERNEL_PROCESS(TableIndex) {
  const table::View t = table::view(in[kTable]);
  for (int i = 0; i < n; ++i) {
    const float index = in[kIndex][i];
    if (t.size == 0 || std::isnan(index)) {
      out[i] = 0.0f;
      continue;
    }
    // Compared as floats first: a cast of an index beyond a long's range would be undefined.
    const long at = index < 0.0f ? 0 : index >= static_cast<float>(t.size) ? t.size - 1 : static_cast<long>(index);
    out[i] = t.data[at];
  }
}
