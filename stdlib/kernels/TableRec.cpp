// TableRec(input, table, fadetime): pyo's one-shot recorder. A new `playing` generation (play()) starts at the
// table's sample 0; a value ≤ 0 after one (stop()) ends the recording. Each sample recorded is
// input · fade + old · feedback (the table's feedback, as pyo's recordChunk); writing the last sample copies the
// first into the guard point, so readers interpolating at the end read what pyo's read, and ends the recording.
#include "stdlib/kernels/TableRec.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::tablerec;

PATCHC_KERNEL_INIT(TableRec) {
  auto* state = static_cast<tablerec::State*>(state_);
  state->pointer = 0;
  state->playing = 0.0f;
  state->recording = 0;
}

PATCHC_KERNEL_PROCESS(TableRec) {
  auto* state = static_cast<tablerec::State*>(state_);
  for (int i = 0; i < n; ++i) out[i] = 0.0f;
  const float playing = in[kPlaying].value();
  if (playing != state->playing) {
    state->recording = playing > 0.0f ? 1 : 0;
    if (playing > 0.0f) state->pointer = 0;
    state->playing = playing;
  }
  const table::Written t = table::writable(in[kTable]);
  if (!state->recording || t.size == 0) return;
  // pyo's fade length: floor(fadetime·sr) samples, at most 0.499 of the table (fadetime a float, sr a double).
  const double sr = env->sampleRate;
  float fadetime = in[kFadetime].value();
  if (fadetime * sr >= static_cast<double>(t.size) * 0.5) fadetime = static_cast<float>(t.size * 0.499 / sr);
  const float fade = fadetime == 0.0f ? 0.0f : static_cast<float>(std::floor(fadetime * sr));
  const long fadeEnd = static_cast<long>(static_cast<float>(t.size) - fade);
  const float feedback = in[kTableFeedback].value();
  long pointer = state->pointer;
  for (int i = 0; i < n && pointer < t.size; ++i) {
    float gain = 1.0f;
    if (static_cast<float>(pointer) < fade) gain = static_cast<float>(pointer) / fade;
    else if (pointer >= fadeEnd) gain = static_cast<float>(t.size - (pointer + 1)) / fade;
    t.data[pointer] = in[kInput][i] * gain + t.data[pointer] * feedback;
    if (++pointer == t.size) t.data[t.size] = t.data[0];
  }
  state->pointer = pointer;
  if (pointer >= t.size) state->recording = 0;
}
