// Seq(time, seq, poly, onlyonce, speed): triggers at durations read in turn from a list (Seq.cpp).
#pragma once

#include "stdlib/Declare.h"

#include <cstdint>

namespace patchc::kernel::seq {

enum Input { kTime, kSeq, kPoly, kOnlyonce, kSpeed, kPlaying };

struct State {
  double clock;      // seconds (times speed) since the last trigger
  double when;       // the clock's value that triggers next
  int32_t tap;       // the list's next duration
  int32_t done;      // onlyonce: the list has been played through
  float lastPlaying;  // the hidden `playing` input's value in the last call
};

}  // namespace patchc::kernel::seq

PATCHC_OBJECT(Seq) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::seq;
  spec.doc = "A sequencer: a trigger, then one after each of the list's durations in turn (times `time` seconds), "
             "round and round; starts with play().";
  spec.input(kTime, signal("time", 1.0f, "the base duration in seconds, which the list's numbers multiply"));
  spec.input(kSeq, arrayWithDefault("seq", 1.0f, "the durations between triggers, in multiples of `time`"));
  spec.input(kPoly, within(constant("poly", 1.0f, "voices the triggers go round (patchc makes one)"),
                           {1.0f, 1.5f, true, "pyo 1.0.4 makes no voice; patchc one",
                            "pyo 1.0.4 sends the triggers to poly streams in turn; patchc makes one (not supported "
                            "yet)",
                            "pyo 1.0.4 refuses it (it takes an int); patchc makes one voice"}));
  spec.input(kOnlyonce, constant("onlyonce", 0.0f, "1: play the list once, then stop"));
  spec.input(kSpeed, signal("speed", 1.0f, "the clock's speed: 2 plays the durations twice as fast"));
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.2f);
  spec.stateBytes = sizeof(kernel::seq::State);
  spec.generator = true;
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm =
      "pyo's clock: each sample adds speed/sr seconds (in double) and triggers when it has reached the current "
      "duration, which it then loses, the next duration being list[k]·time; the first sample after play() "
      "triggers; with onlyonce it stops after the list's last duration has started";
  spec.differences = "the same trigger samples as pyo 1.0.4 (measured; constant time, speed and list numbers are "
                     "taken as the decimals the script wrote, as pyo's doubles). poly > 1 is not supported (one "
                     "voice)";
}
