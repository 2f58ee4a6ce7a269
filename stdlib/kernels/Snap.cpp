// Snap(input, choice, scale): quantization of MIDI notes to a scale, as pyo 1.0.4: the nearest note of `choice`
// in the input's octave (octaves of 12·⌈(last note + 1)/12⌉ semitones counted upward from 0; a negative input
// stays in the first), truncated to a whole note, and converted as `scale` says.
#include "stdlib/kernels/Snap.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::snap;

namespace {

float snapped(const In& choice, float scale, float x) {
  const int count = choice.count();
  if (count == 0) return 0.0f;
  // pyo's span: the first multiple of 12 above the last note of the list.
  const float last = choice.p[count - 1];
  float span = 12.0f;
  if (last >= 12.0f) span = 12.0f * (std::floor(last / 12.0f) + 1.0f);
  float octaves = 0.0f;
  if (x >= span) {
    octaves = std::floor(x / span);
    x -= octaves * span;
  }
  float nearest = choice.p[0];
  float distance = std::fabs(choice.p[0] - x);
  for (int j = 1; j < count; ++j) {
    const float d = std::fabs(choice.p[j] - x);
    if (d < distance) {
      distance = d;
      nearest = choice.p[j];
    }
  }
  const float note = std::trunc(nearest + span * octaves);  // pyo: (int)
  if (scale == 1.0f) return 8.1757989156437f * std::pow(1.0594630943593f, note);
  if (scale == 2.0f) return std::pow(1.0594630943593f, note - 60.0f);
  return note;
}

}  // namespace

PATCHC_KERNEL_INIT(Snap) {
  auto* state = static_cast<snap::State*>(state_);
  state->value = 0.0f;
  state->lastInput = 0.0f;
}

PATCHC_KERNEL_PROCESS(Snap) {
  auto* state = static_cast<snap::State*>(state_);
  const float scale = in[kScale].value();
  float value = state->value, lastInput = state->lastInput;
  for (int i = 0; i < n; ++i) {
    const float x = in[kInput][i];
    if (x < lastInput - 0.001f || x > lastInput + 0.001f) {
      lastInput = x;
      value = snapped(in[kChoice], scale, x);
    }
    out[i] = value;
  }
  state->value = value;
  state->lastInput = lastInput;
}
