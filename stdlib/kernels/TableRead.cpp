// TableRead(table, freq, loop, interp, playing): pyo's one-shot or looping table reader. A new `playing`
// generation (play()) restarts it at the table's start; a value ≤ 0 after one (stop()) silences it. Each sample
// checks the ends first (pyo's order): below 0 (a negative freq) the position wraps to the end, which ends a
// single read unless it is the first wrap after play(); at or past the end a looping read wraps, a single read
// ends. Then it reads (TableReading.h) and steps by freq·size/sr.
#include "stdlib/kernels/TableRead.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::tableread;

PATCHC_KERNEL_INIT(TableRead) {
  auto* state = static_cast<tableread::State*>(state_);
  state->position = 0.0;
  state->playing = 0.0f;
  state->going = 0;
  state->first = 1;
}

PATCHC_KERNEL_PROCESS(TableRead) {
  auto* state = static_cast<tableread::State*>(state_);
  const float playing = in[kPlaying].value();
  if (playing != state->playing) {
    if (playing > 0.0f) {
      state->position = 0.0;
      state->first = 1;
      state->going = 1;
    } else {
      state->going = 0;
    }
    state->playing = playing;
  }
  const table::View t = table::view(in[kTable]);
  if (!state->going || t.size == 0) {
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  const int interp = table::interpolation(in[kInterp].value());
  const bool loop = in[kLoop].value() >= 0.5f;
  const double size = static_cast<double>(t.size);
  const float perHz = static_cast<float>(t.size) / env->sampleRate;
  double position = state->position;
  int going = 1, first = state->first;
  for (int i = 0; i < n; ++i) {
    if (position < 0) {
      if (!first) {
        if (!loop) going = 0;
      } else {
        first = 0;
      }
      position = size + position;
    } else if (position >= size && going) {
      if (loop) position -= size;
      else going = 0;
    }
    if (going && position >= 0 && position < size) {
      const long whole = static_cast<long>(position);
      out[i] = table::interpolate(t, whole, static_cast<float>(position - static_cast<double>(whole)), interp);
    } else {
      out[i] = 0.0f;
    }
    const float step = in[kFreq][i] * perHz;
    if (std::isfinite(step)) position += step;
  }
  state->position = position;
  state->going = going;
  state->first = first;
}
