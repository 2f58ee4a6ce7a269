// Notein: pyo 1.0.4's MidiNote voice pool, event by event. State per voice: the pitch held (−1: free) and its
// velocity; the streams hold what the voice last did. A note-on of a pitch already held, or a note-off of a pitch
// not held, is ignored, as pyo. Without stealing, the new note goes to the first free voice after the last one
// used (round robin, pyo's nextEmptyVoice), and is dropped when none is free; with stealing, to the voice after
// the last one used, whatever it holds.
#include "stdlib/kernels/Notein.h"

#include "stdlib/Kernel.h"

#include <cmath>

using namespace patchc::kernel;
using namespace patchc::kernel::notein;

PATCHC_KERNEL_INIT(Notein) {
  auto* state = static_cast<notein::State*>(state_);
  state->clock = {};
  state->lastVoice = 0;
  for (int v = 0; v < kMostVoices; ++v) state->voices[v] = {-1, 0, 0.0f, 0.0f};
  (void)in;
  (void)env;
  (void)seed;
}

namespace {
// pyo's MidiNote_getValue for a held pitch.
float scaled(int pitch, int scale, int centralKey) {
  if (scale == 0) return static_cast<float>(pitch);
  if (scale == 1) return 8.1757989156437f * std::pow(1.0594630943593f, static_cast<float>(pitch));
  if (scale == 2) return std::pow(1.0594630943593f, static_cast<float>(pitch - centralKey));
  return -1.0f;
}
}  // namespace

PATCHC_KERNEL_PROCESS_OUTPUTS(Notein) {
  auto* state = static_cast<notein::State*>(state_);
  const int poly = voices(in[kPoly].value());
  const int scale = static_cast<int>(in[kScale].value());
  const int first = static_cast<int>(in[kFirst].value());
  const int last = static_cast<int>(in[kLast].value());
  const int channel = static_cast<int>(in[kChannel].value());
  const bool stealing = in[kStealing].value() != 0.0f;
  const int centralKey = (first + last) / 2;
  (void)env;
  // The streams hold their value up to each event's sample; triggers are 0 but on it.
  int done = 0;
  auto fill = [&](int until) {
    for (int v = 0; v < poly; ++v) {
      const Voice& voice = state->voices[v];
      for (int i = done; i < until; ++i) {
        out[kPitch * poly + v][i] = voice.pitchOut;
        out[kVelocity * poly + v][i] = voice.velocityOut;
        out[kTrigOn * poly + v][i] = 0.0f;
        out[kTrigOff * poly + v][i] = 0.0f;
      }
    }
    done = until;
  };
  // An event's sample: what fill() left before it, its triggers cleared once (several events may share it).
  auto begin = [&](int at) {
    if (at < done) return;
    fill(at);
    for (int w = 0; w < poly; ++w) out[kTrigOn * poly + w][at] = out[kTrigOff * poly + w][at] = 0.0f;
    done = at + 1;
  };
  auto write = [&](int at) {
    for (int w = 0; w < poly; ++w) {
      out[kPitch * poly + w][at] = state->voices[w].pitchOut;
      out[kVelocity * poly + w][at] = state->voices[w].velocityOut;
    }
  };
  midi::eachEvent(state->clock, in[kMidi], n, [&](const midi::Event& e, int at) {
    const int kind = e.status & 0xF0;
    if ((kind != 0x90 && kind != 0x80) || !midi::onChannel(e, channel)) return;
    const int pitch = e.data1, velocity = e.data2;
    if (pitch < first || pitch > last) return;
    const bool on = kind == 0x90 && velocity > 0;
    int held = -1;
    for (int v = 0; v < poly; ++v)
      if (state->voices[v].pitch == pitch) {
        held = v;
        break;
      }
    if (on && held < 0) {
      int voice = -1;
      if (stealing) {
        voice = (state->lastVoice + 1) % poly;
      } else {
        for (int k = 1; k <= poly && voice < 0; ++k) {
          const int v = (state->lastVoice + k) % poly;
          if (state->voices[v].velocity == 0) voice = v;
        }
        if (voice < 0) return;  // every voice busy: the note is dropped, as pyo
      }
      begin(at);
      state->lastVoice = voice;
      Voice& v = state->voices[voice];
      v.pitch = pitch;
      v.velocity = velocity;
      v.pitchOut = scaled(pitch, scale, centralKey);
      v.velocityOut = static_cast<float>(velocity) / 127.0f;
      write(at);
      out[kTrigOn * poly + voice][at] = 1.0f;
    } else if (!on && held >= 0) {
      begin(at);
      Voice& v = state->voices[held];
      v.pitch = -1;
      v.velocity = 0;
      v.velocityOut = 0.0f;
      write(at);
      out[kTrigOff * poly + held][at] = 1.0f;
    }
  });
  fill(n);
}
