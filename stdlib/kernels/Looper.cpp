// Looper: pyo's crossfading looper. Two heads take turns: the current head reads its loop, fading in after
// loopStart and out before loopEnd; when it passes the fade-out point (`fadeOutStart`) the other head starts the
// next loop (taking start, dur and xfade then), so the fades overlap. Backward heads run from loopStart down to
// loopEnd; mode 3 alternates directions. Mode 0 reads the whole table once and then outputs 0.
#include "stdlib/kernels/Looper.h"

#include "stdlib/Kernel.h"
#include "stdlib/kernels/TableReading.h"

using namespace patchc::kernel;
using namespace patchc::kernel::looper;

namespace {

// pyo's crossfade curves, x in [0, 1]: linear, equal power (a quarter sine), sigmoid (a half cosine).
float fadeCurve(float x, int shape) {
  x = x < 0.0f ? 0.0f : x > 1.0f ? 1.0f : x;
  if (shape == 1) return std::sin(x * (kPi / 2));
  if (shape == 2) return 0.5f - 0.5f * std::cos(x * kPi);
  return x;
}

int modeOf(float mode) {
  const int m = static_cast<int>(mode);
  return m >= 0 && m <= 3 ? m : 1;
}

struct Context {
  const In* in;
  long size;        // the table's samples
  double tableRate;
  int mode;
  bool startFromLoop;
};

// pyo's Looper_reset: head `which` starts a loop (at sample i of the block).
void reset(State& s, const Context& c, int i, int which, bool init) {
  const long size = c.size - 1;
  float start = c.in[kStart][i], dur = c.in[kDur][i], xfade = c.in[kXfade][i];
  const double last = static_cast<double>(size) / c.tableRate;
  if (!(start >= 0.0f)) start = 0.0f;
  else if (start > last) start = static_cast<float>(last);
  if (!(dur >= 0.001f)) dur = 0.001f;
  if (!(xfade >= 0.0f)) xfade = 0.0f;
  else if (xfade > 50.0f) xfade = 50.0f;
  Head& h = s.heads[which];
  h.mode = c.mode;
  auto fade = [&](long length) {
    h.fadeLength = static_cast<long>(length * xfade * 0.01);
    if (h.fadeLength < 1) h.fadeLength = 1;
    h.fadeScale = 1.0f / h.fadeLength * 512.0f;
  };
  auto forward = [&](long from, long to) {
    h.direction = 0;
    h.loopStart = from;
    h.loopEnd = to;
    fade(to - from);
    if (init && !c.startFromLoop) {
      h.fadeInEnd = h.fadeLength;
      h.fadeOutStart = h.loopEnd - h.fadeLength;
      h.position = h.loopStart = 0;
    } else {
      h.fadeInEnd = h.loopStart + h.fadeLength;
      h.fadeOutStart = h.loopEnd - h.fadeLength;
      h.position = static_cast<double>(h.loopStart);
    }
    s.loopDuration = static_cast<double>(h.fadeOutStart - h.loopStart);
  };
  auto backward = [&](bool fromTableEnd) {
    h.direction = 1;
    h.loopStart = static_cast<long>((start + dur) * c.tableRate);
    h.loopEnd = static_cast<long>(start * c.tableRate);
    fade(h.loopStart - h.loopEnd);
    if (fromTableEnd) {
      h.fadeInEnd = size - h.fadeLength;
      h.fadeOutStart = h.loopEnd + h.fadeLength;
      h.position = static_cast<double>(h.loopStart = size);
    } else {
      h.fadeInEnd = h.loopStart - h.fadeLength;
      h.fadeOutStart = h.loopEnd + h.fadeLength;
      h.position = static_cast<double>(h.loopStart);
    }
    s.loopDuration = static_cast<double>(h.loopStart - h.fadeOutStart);
  };
  switch (h.mode) {
    case 0: forward(0, size); break;
    case 1: forward(static_cast<long>(start * c.tableRate), static_cast<long>((start + dur) * c.tableRate)); break;
    case 2: backward(init && !c.startFromLoop); break;
    default:
      if (s.heads[1 - which].direction == 0 && !init) backward(false);
      else forward(static_cast<long>(start * c.tableRate), static_cast<long>((start + dur) * c.tableRate));
      break;
  }
  h.active = 1;
}

}  // namespace

PATCHC_KERNEL_INIT(Looper) {
  auto* s = static_cast<looper::State*>(state_);
  *s = {};
  s->lastPitch = -1.0f;
}

PATCHC_KERNEL_PROCESS(Looper) {
  auto* s = static_cast<looper::State*>(state_);
  const table::View t = table::view(in[kTable]);
  if (const float resets = in[kResets].value(); resets != s->resets) {
    // pyo's reset(): both heads back to 0 and idle, so the loop starts again below as at the first call.
    s->resets = resets;
    s->heads[0].active = s->heads[1].active = 0;
    s->heads[0].position = s->heads[1].position = 0.0;
  }
  if (s->finished || t.size < 2) {
    for (int i = 0; i < n; ++i) out[i] = 0.0f;
    return;
  }
  const float rate = in[kTableSampleRate].value();
  const Context c{in, t.size, rate > 0.0f ? rate : env->sampleRate, modeOf(in[kMode].value()),
                  in[kStartfromloop].value() >= 0.5f};
  const int interp = table::interpolation(in[kInterp].value() == 0.0f ? 2.0f : in[kInterp].value());
  const int shape = static_cast<int>(in[kXfadeshape].value());
  const double rateFactor = c.tableRate / env->sampleRate;
  if (!s->heads[0].active && !s->heads[1].active) reset(*s, c, 0, 0, true);
  const double size = static_cast<double>(t.size);
  for (int i = 0; i < n; ++i) {
    float sum = 0.0f;
    float pitch = in[kPitch][i];
    if (!(pitch >= 0.0f)) pitch = 0.0f;
    const double step = static_cast<double>(pitch) * rateFactor;
    for (int j = 0; j < 2 && !s->finished; ++j) {
      Head& h = s->heads[j];
      if (!h.active) continue;
      const bool down = h.mode == 2 || (h.mode == 3 && h.direction == 1);
      if (h.position >= 0 && h.position < size) {
        float amp = 1.0f;
        if (!down) {
          if (h.position < h.fadeInEnd) amp = fadeCurve((h.position - h.loopStart) * h.fadeScale / 512.0f, shape);
          else if (h.position > h.fadeOutStart) amp = fadeCurve((h.loopEnd - h.position) * h.fadeScale / 512.0f, shape);
        } else {
          if (h.position > h.fadeInEnd) amp = fadeCurve((h.loopStart - h.position) * h.fadeScale / 512.0f, shape);
          else if (h.position < h.fadeOutStart) amp = fadeCurve((h.position - h.loopEnd) * h.fadeScale / 512.0f, shape);
        }
        const long whole = static_cast<long>(h.position);
        sum += table::interpolate(t, whole, static_cast<float>(h.position - static_cast<double>(whole)), interp) * amp;
      }
      if (!down) {
        h.position += step;
        if (h.mode == 0) {
          if (h.position < 0.0) h.position = 0.0;
          else if (h.position > h.fadeOutStart && h.position >= h.loopEnd) s->finished = 1;
          continue;
        }
        if (h.position < 0.0) h.position = 0.0;
        else if (h.position > h.fadeOutStart && !s->heads[1 - j].active) reset(*s, c, i, 1 - j, false);
        if (h.position >= h.loopEnd) h.active = 0;
      } else {
        h.position -= step;
        if (h.position >= size) h.position = size - 1;
        else if (h.position < h.fadeOutStart && !s->heads[1 - j].active) reset(*s, c, i, 1 - j, false);
        if (h.position <= h.loopEnd) h.active = 0;
      }
    }
    out[i] = s->finished ? 0.0f : sum;
  }
  // Two one-pole low-passes at 0.45·pitch·sr while the pitch is below 1 (pyo's autosmooth).
  if (in[kAutosmooth].value() >= 0.5f) {
    for (int i = 0; i < n; ++i) {
      float pitch = in[kPitch][i];
      if (!(pitch >= 0.001f)) pitch = 0.001f;
      if (pitch < 1.0f) {
        if (s->lastPitch != pitch) {
          s->lastPitch = pitch;
          s->c1 = std::exp(-kTwoPi * (pitch * 0.45f));
        }
        s->y1 = out[i] + (s->y1 - out[i]) * s->c1;
        s->y2 = s->y1 + (s->y2 - s->y1) * s->c1;
        out[i] = s->y2;
      }
    }
  }
}
