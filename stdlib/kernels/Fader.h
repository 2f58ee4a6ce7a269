// Fader(fadein, fadeout, dur): a linear fade-in / fade-out envelope (Fader.cpp); its state is Envelope.h's.
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Envelope.h"

namespace patchc::kernel::fader {
enum Input { kFadein, kFadeout, kDur, kExp, kPlaying };
}

PATCHC_OBJECT(Fader) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::fader;
  spec.doc = "A linear fade-in / fade-out envelope between 0 and 1; starts with play(), fades out on stop().";
  spec.input(kFadein, settable(constant("fadein", 0.01f, "rising time in seconds")));
  spec.input(kFadeout, settable(constant("fadeout", 0.1f, "falling time in seconds")));
  spec.input(kDur, settable(constant("dur", 0.0f, "total duration in seconds; 0: fade in and hold")));
  // pyo's setExp(x): a hidden Constant that scripts and callbacks may set (settable).
  spec.input(kExp, settable(hidden("exp", 1.0f, "setExp(x): the output is the linear envelope raised to x (x <= 0 is "
                                               "ignored, as pyo)")));
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.3f);
  spec.stateBytes = sizeof(kernel::envelope::State);
  spec.generator = true;
  spec.bipolar = false;  // [0, 1]: .range(min, max) maps 0 to min and 1 to max
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm =
      "linear: min(t/fadein, 1, (dur − t)/fadeout) clipped at 0, t = i/sr; dur 0 fades in and "
      "holds";
  spec.differences =
      "the same samples as pyo (measured). Silent until `play()`/`out()` (the elaborator "
      "sets `playing`); a `play()` restarts it from its level, a `stop()` fades dur 0 out over fadeout from its "
      "level (dur > 0: silent at once), as pyo; `setExp(x)` raises the output to x. **`bipolar = false`: `.range(a, "
      "b)` maps 0→a, 1→b, whereas pyo 1.0.4's `range()` assumes [−1, 1] for every object**";
  spec.streamsNotYet = {"trig"};  // the end-of-envelope triggers
}
