// Pointer(table, index): the table at index·size, wrapped into [0, size) as pyo's Osc_clip does, interpolated
// linearly.
#include "stdlib/kernels/Pointer.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::pointer;

PATCHC_KERNEL_INIT(Pointer) {}

PATCHC_KERNEL_PROCESS(Pointer) {
  const table::View t = table::view(in[kTable]);
  for (int i = 0; i < n; ++i) {
    const float index = in[kIndex][i];
    if (t.size == 0 || !std::isfinite(index)) {
      out[i] = 0.0f;
      continue;
    }
    const double at = table::wrap(static_cast<double>(index) * static_cast<double>(t.size), t.size);
    const long whole = static_cast<long>(at);
    out[i] = table::linear(t, whole, static_cast<float>(at - static_cast<double>(whole)));
  }
}
