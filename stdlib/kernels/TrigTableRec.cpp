// TrigTableRec(input, trig, table, fadetime): pyo's triggered recorder, block by block as pyo's (a process call is
// pyo's buffer): while idle, the first trigger of a block starts a recording at the table's sample 0 and records
// the rest of the block; while recording, each block records up to the end of the table, and the block that
// reaches it ends the recording (its triggers are not seen). Each sample recorded is input · fade + old · feedback;
// writing the last sample copies the first into the guard point.
#include "stdlib/kernels/TrigTableRec.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::trigtablerec;

PATCHC_KERNEL_INIT(TrigTableRec) {
  auto* state = static_cast<trigtablerec::State*>(state_);
  state->pointer = 0;
  state->active = 0;
}

PATCHC_KERNEL_PROCESS(TrigTableRec) {
  auto* state = static_cast<trigtablerec::State*>(state_);
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  const table::Written t = table::writable(in[kTable]);
  if (t.size == 0) return;
  // pyo's fade length: round(fadetime·sr + 0.5) samples, at most 0.499 of the table.
  const double sr = env->sampleRate;
  float fadetime = in[kFadetime].value();
  if (fadetime * sr >= static_cast<double>(t.size) * 0.5) fadetime = static_cast<float>(t.size * 0.499 / sr);
  const float fade = fadetime == 0.0f ? 0.0f : static_cast<float>(std::round(fadetime * sr + 0.5));
  const long fadeEnd = static_cast<long>(static_cast<float>(t.size) - fade);
  const float feedback = in[kTableFeedback].value();
  long pointer = state->pointer;
  auto record = [&](int from, long count) {
    for (long k = 0; k < count; ++k) {
      const float p = static_cast<float>(pointer);
      const float gain = p < fade ? p / fade : pointer > fadeEnd ? static_cast<float>(t.size - pointer) / fade : 1.0f;
      t.data[pointer] = in[kInput][from + static_cast<int>(k)] * gain + t.data[pointer] * feedback;
      if (++pointer == t.size) t.data[t.size] = t.data[0];
    }
  };
  if (state->active) {
    const long left = t.size - pointer;
    if (left < n) state->active = 0;
    if (left > 0) record(0, left < n ? left : n);
  } else {
    for (int j = 0; j < n; ++j) {
      if (in[kTrig][j] != 1.0f) continue;
      state->active = 1;
      pointer = 0;
      long count = n - j;
      if (t.size < n) {
        count = t.size < count ? t.size : count;
        state->active = 0;
      }
      record(j, count);
      break;
    }
  }
  state->pointer = pointer;
}
