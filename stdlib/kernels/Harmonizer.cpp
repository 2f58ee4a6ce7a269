// Harmonizer(input, transpo, feedback, winsize): pitch shifting by a delay line read by two heads (the classic
// rotating-head "harmonizer", e.g. Zölzer, DAFX §6.4.3), as pyo 1.0.4 computes it. A head whose delay changes
// by −r per second plays the input at the speed 1 + r; with the delay a sawtooth from winsize down to 0 at the
// rate (ratio − 1) / winsize windows per second, it plays at `ratio` = 2^(transpo/12), and jumps back once per
// window. A second head half a window later covers each jump; each head is weighted by sin(π·phase), which is 0
// at the jump (the two windows sum to between 1 and √2, pyo's level: a sine comes out at 4/π on average).
// The output goes through a DC blocker (y = x − x1 + 0.995·y1) and back into the line times `feedback`.
#include "stdlib/kernels/Harmonizer.h"

#include "stdlib/kernels/KernelMath.h"

using namespace patchc::kernel;
using namespace patchc::kernel::harmonizer;

namespace {

// The line read `delay` samples before the write position, linearly interpolated. line[length] is a copy of
// line[0], so the sample after the last is there without a wrap.
inline float readBack(const float* line, int length, int writeIndex, double delay) {
  double position = writeIndex - delay;
  if (position < 0.0) position += length;
  int whole = static_cast<int>(position);
  if (whole > length - 1) whole = length - 1;  // rounding at the very end of the line
  float fraction = static_cast<float>(position - whole);
  return line[whole] + (line[whole + 1] - line[whole]) * fraction;
}

}  // namespace

PATCHC_KERNEL_INIT(Harmonizer) {
  auto* state = static_cast<harmonizer::State*>(state_);
  state->pointer = 0.0f;
  state->dcInput = 0.0f;
  state->dcOutput = 0.0f;
  state->writeIndex = 0;
  state->length = lineLength(env->sampleRate);
}

PATCHC_KERNEL_PROCESS(Harmonizer) {
  auto* state = static_cast<harmonizer::State*>(state_);
  float* line = reinterpret_cast<float*>(state + 1);
  const int length = state->length;
  const double window = windowSeconds(in[kWinsize].value());
  const double windowSamples = window * env->sampleRate;
  float pointer = state->pointer;
  float dcInput = state->dcInput, dcOutput = state->dcOutput;
  int writeIndex = state->writeIndex;
  for (int i = 0; i < n; ++i) {
    // ±120 semitones keeps the step finite (and a NaN transpo a number); pyo does not clamp.
    float ratio = std::exp2(clampf(in[kTranspo][i], -120.0f, 120.0f) * (1.0f / 12.0f));
    float step = -(ratio - 1.0f) / static_cast<float>(window) * env->inverseSampleRate;
    float feedback = clampf(in[kFeedback][i], 0.0f, 1.0f);

    float second = pointer + 0.5f;
    if (second >= 1.0f) second -= 1.0f;
    float y = readBack(line, length, writeIndex, pointer * windowSamples) * sinCycles(0.5f * pointer) +
              readBack(line, length, writeIndex, second * windowSamples) * sinCycles(0.5f * second);

    pointer += step;  // in float, as pyo: its rounding is part of pyo's pitch (within 0.003 %)
    pointer -= std::floor(pointer);  // a step may pass a whole window when transposing far
    if (!(pointer < 1.0f)) pointer = 0.0f;  // −1e-9 wraps to 1 − 1e-9, which rounds to 1

    dcOutput = y - dcInput + 0.995f * dcOutput;
    dcInput = y;
    line[writeIndex] = in[kInput][i] + dcOutput * feedback;
    if (writeIndex == 0) line[length] = line[0];
    if (++writeIndex == length) writeIndex = 0;
    out[i] = y;
  }
  state->pointer = pointer;
  state->dcInput = dcInput;
  state->dcOutput = dcOutput;
  state->writeIndex = writeIndex;
}
