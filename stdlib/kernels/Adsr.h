// Adsr(attack, decay, sustain, release, dur): attack-decay-sustain-release envelope (Adsr.cpp); its state is
// Envelope.h's.
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/Envelope.h"

namespace patchc::kernel::adsr {
enum Input { kAttack, kDecay, kSustain, kRelease, kDur, kExp, kPlaying };
}

PATCHC_OBJECT(Adsr) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::adsr;
  const char* atLeast = "pyo 1.0.4 and patchc take 0.000001 s";
  const char* longest = "pyo 1.0.4 and patchc take it as it is (over 30 years)";
  spec.doc = "An attack-decay-sustain-release envelope between 0 and 1; starts with play(), releases on stop().";
  // Every time and the sustain level may change while playing (a callback's env.attack = x): settable.
  spec.input(kAttack, within(settable(constant("attack", 0.01f, "attack time in seconds")),
                             {0.000001f, 1e9f, false, atLeast, longest, ""}));
  spec.input(kDecay, within(settable(constant("decay", 0.05f, "decay time in seconds")),
                            {0.000001f, 1e9f, false, atLeast, longest, ""}));
  spec.input(kSustain, within(settable(constant("sustain", 0.707f, "sustain level, 0..1")), clampedAsPyo(0.0f, 1.0f)));
  spec.input(kRelease, within(settable(constant("release", 0.1f, "release time in seconds")),
                              {0.000001f, 1e9f, false, atLeast, longest, ""}));
  spec.input(kDur, settable(constant("dur", 0.0f, "total duration in seconds; 0: sustain until stop()")));
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
      "straight lines at t = i/sr from play(): from the level it had up to 1 in attack, down to sustain in decay, "
      "then sustain; dur > 0: down to 0 over the release before dur, 0 after; dur 0: on stop(), from the level it "
      "had down to 0 in release";
  spec.differences =
      "the same samples as pyo 1.0.4 (measured); a `stop()` lands on its sample (pyo's on a block's start). "
      "`setExp(x)` (the hidden input `exp`) raises the output to x, as pyo (the elaborator does not yet accept it "
      "after the object is made)";
  spec.streamsNotYet = {"trig"};  // the end-of-envelope triggers
}
