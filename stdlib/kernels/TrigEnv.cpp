// TrigEnv(input, table, dur, interp): on each sample where the input is exactly 1 (a trigger), the position goes
// to 0 and the step to size/(dur·sr), dur read on that sample (as pyo's float: size and dur·sr rounded to floats,
// their quotient too, the position summed in double, so the last sample lands where pyo's does); dur ≤ 0 makes it
// silent. While active each sample outputs the table at the position (TableReading.h's interpolations, the guard
// point read at the end) and steps; a position past the table's size ends it: 0 until the next trigger. As pyo
// 1.0.4 (measured on Metro(0.05)'s triggers with an 8192-sample ramp LinTable: dur 0.01 reads samples 0 .. 440
// after a trigger, 0.997854 on the last, 0 from the 441st; dur 0.0101: 0 .. 445; a HannTable over dur 0.02 peaks
// at 1 on the 441st sample, ends at 881).
#include "stdlib/kernels/TrigEnv.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::trigenv;

PATCHC_KERNEL_INIT(TrigEnv) {
  auto* state = static_cast<trigenv::State*>(state_);
  state->position = 0.0;
  state->step = 0.0f;
  state->active = 0;
}

PATCHC_KERNEL_PROCESS(TrigEnv) {
  auto* state = static_cast<trigenv::State*>(state_);
  const table::View t = table::view(in[kTable]);
  const int interp = table::interpolation(in[kInterp].value());
  const double size = static_cast<double>(t.size);
  for (int i = 0; i < n; ++i) {
    if (in[kInput][i] == 1.0f) {
      const float samples = env->sampleRate * in[kDur][i];
      state->active = samples > 0.0f && t.size > 0 ? 1 : 0;  // NaN: silent
      state->step = state->active ? static_cast<float>(t.size) / samples : 0.0f;
      state->position = 0.0;
    }
    float y = 0.0f;
    if (state->active) {
      const long index = static_cast<long>(state->position);
      y = table::interpolate(t, index, static_cast<float>(state->position - static_cast<double>(index)), interp);
      state->position += state->step;
      if (state->position > size) state->active = 0;
    }
    out[i] = y;
  }
}
