// TableMorph(input, table, sources): pyo's table morphing. Once per process call (pyo's block) the input's first
// sample picks two neighbouring tables of the list and their mix; the mix goes into the table the way pyo's
// recordChunk writes: from the table's recording position, each sample mix + old · feedback, wrapping at the end
// with the guard point set to the first sample. The sources arrive packed (Declare.h's tableList).
#include "stdlib/kernels/TableMorph.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::tablemorph;

PATCHC_KERNEL_INIT(TableMorph) { static_cast<tablemorph::State*>(state_)->pointer = 0; }

PATCHC_KERNEL_PROCESS(TableMorph) {
  auto* state = static_cast<tablemorph::State*>(state_);
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  const table::Written t = table::writable(in[kTable]);
  const float* packed = in[kSources].p;
  const int count = in[kSources].count() > 0 ? static_cast<int>(packed[0]) : 0;
  if (t.size == 0 || count < 2 || n == 0) return;
  float x = in[kInput][0];
  x = x < 0.0f ? 0.0f : x >= 0.999999f ? 0.999999f : x;
  if (!(x == x)) x = 0.0f;  // NaN
  const float position = x * static_cast<float>(count - 1);
  const int first = static_cast<int>(position);
  const float frac = std::fmod(position, 1.0f);
  // The first table's samples start after the count and the sizes; each table's after the ones before it.
  const float* a = packed + 1 + count;
  for (int k = 0; k < first; ++k) a += static_cast<long>(packed[1 + k]);
  const float* b = a + static_cast<long>(packed[1 + first]);
  long size = t.size;
  const long sizeA = static_cast<long>(packed[1 + first]), sizeB = static_cast<long>(packed[2 + first]);
  size = sizeA < size ? sizeA : size;
  size = sizeB < size ? sizeB : size;
  const float feedback = in[kTableFeedback].value();
  long pointer = state->pointer;
  for (long i = 0; i < size; ++i) {
    const float mix = a[i] * (1.0f - frac) + b[i] * frac;
    t.data[pointer] = mix + t.data[pointer] * feedback;
    if (++pointer == t.size) {
      pointer = 0;
      t.data[t.size] = t.data[0];
    }
  }
  state->pointer = pointer;
}
