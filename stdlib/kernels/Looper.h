// Looper(table, pitch, start, dur, xfade, mode, xfadeshape, startfromloop, interp, autosmooth, tableSampleRate):
// a crossfading looper of a table (Looper.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::looper {

// One of the two reading heads: while one plays its loop's end, the other starts the next loop, crossfading.
struct Head {
  double position;  // in samples of the table
  long loopStart, loopEnd, fadeLength, fadeInEnd, fadeOutStart;
  float fadeScale;  // 512 / fadeLength: positions in the fade → the fade curve's 0..512
  int mode, direction, active;
};

struct State {
  Head heads[2];
  double loopDuration;
  float lastPitch, y1, y2, c1;  // the autosmooth low-pass
  int finished;                 // mode 0 read to its end
  float resets;                 // the `resets` input last seen: a new value is a reset()
};

enum Input {
  kTable, kPitch, kStart, kDur, kXfade, kMode, kXfadeshape, kStartfromloop, kInterp, kAutosmooth, kTableSampleRate,
  kResets
};

}  // namespace patchc::kernel::looper

PATCHC_OBJECT(Looper) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::looper;
  spec.doc = "Plays a table in a loop with a crossfade, forward, backward or back and forth.";
  spec.input(kTable, table("table", "the sound looped (each channel gives a stream)"));
  spec.input(kPitch, signal("pitch", 1.0f, "reading speed: 1 the original pitch (negative: 0)"));
  spec.input(kStart, signal("start", 0.0f, "the loop's start in seconds (taken when a loop starts)"));
  spec.input(kDur, signal("dur", 1.0f, "the loop's length in seconds (taken when a loop starts)"));
  spec.input(kXfade, signal("xfade", 20.0f, "the crossfade, in percent of the loop (0–50)"));
  spec.input(kMode, within(constant("mode", 1.0f, "0 no loop, 1 forward, 2 backward, 3 back and forth"),
                           {0.0f, 3.0f, true, "pyo 1.0.4 and patchc use 1 (forward)",
                            "pyo 1.0.4 and patchc use 1 (forward)",
                            "pyo 1.0.4 refuses it (mode takes an int); patchc uses its whole part"}));
  spec.input(kXfadeshape, constant("xfadeshape", 0.0f, "crossfade curve: 0 linear, 1 equal power, 2 sigmoid"));
  spec.input(kStartfromloop, constant("startfromloop", 0.0f, "1: start at the loop's start, 0: at the table's"));
  spec.input(kInterp, constant("interp", 2.0f, "interpolation: 1 none, 2 linear, 3 cosine, 4 cubic"));
  spec.input(kAutosmooth, constant("autosmooth", 0.0f, "1: a low-pass following the pitch below 1"));
  spec.input(kTableSampleRate, hidden("tableSampleRate", 0.0f, "the table's sample rate (0: the server's)"));
  spec.input(kResets, resets());
  spec.facts = oscillatorFacts(2.0f);
  spec.stateBytes = sizeof(kernel::looper::State);
  spec.generator = true;
  spec.algorithm =
      "as pyo: two heads; a head reads the loop (pyo's interpolations) at pitch·tableRate/sr, fading in over "
      "xfade % of the loop after its start and out before its end, and the other head starts the next loop "
      "where the fade out begins (start, dur, xfade taken then); mode 0 plays once and stops; autosmooth is "
      "two one-pole low-passes at 0.45·pitch·sr; reset() (in a callback) stops both heads, so that the next "
      "block starts again as the first did";
  spec.differences =
      "the fade curves are computed (pyo interpolates 513-point tables of them: differences ~1e-6). "
      "appendFadeTime and fadeInSeconds are not there yet";
  spec.streamsNotYet = {"trig", "time"};  // the loop-start triggers, the time in the loop
}
