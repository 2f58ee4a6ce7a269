// Lookup(table, index): the table at (clip(index, -1, 1)·0.495 + 0.5)·size, interpolated linearly: pyo's mapping,
// which keeps the read half a percent inside both ends of the table.
#include "stdlib/kernels/Lookup.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::lookup;

PATCHC_KERNEL_INIT(Lookup) {}

PATCHC_KERNEL_PROCESS(Lookup) {
  const table::View t = table::view(in[kTable]);
  for (int i = 0; i < n; ++i) {
    float index = in[kIndex][i];
    if (t.size == 0 || std::isnan(index)) {
      out[i] = 0.0f;
      continue;
    }
    index = index < -1.0f ? -1.0f : index > 1.0f ? 1.0f : index;
    const float at = (index * 0.495f + 0.5f) * static_cast<float>(t.size);
    const long whole = static_cast<long>(at);
    out[i] = table::linear(t, whole, at - static_cast<float>(whole));
  }
}
