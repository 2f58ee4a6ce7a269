// The glue the code generator puts between kernels: clearing and summing buffers (Mix, out()), and pyo's
// post-processing `out = out * mul + add`, which every object has.
#include "stdlib/Kernel.h"

using patchc::kernel::In;

extern "C" void patchc_clear(float* __restrict buffer, int n) {
  for (int i = 0; i < n; ++i) buffer[i] = 0.0f;
}

extern "C" void patchc_accumulate(float* __restrict destination, const float* __restrict source, int n) {
  for (int i = 0; i < n; ++i) destination[i] += source[i];
}

extern "C" void patchc_muladd(float* __restrict out, const In* __restrict mul, const In* __restrict add, int n) {
  for (int i = 0; i < n; ++i) out[i] = out[i] * (*mul)[i] + (*add)[i];
}
