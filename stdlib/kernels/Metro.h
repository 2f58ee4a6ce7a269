// Metro(time, poly): a trigger every `time` seconds once play() started it (Metro.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::metro {

enum Input { kTime, kPoly, kPlaying };

struct State {
  double clock;       // seconds since the last period started, summed as pyo does
  bool armed;         // a trigger is due once the clock passes the offset (0 for one voice)
};

}  // namespace patchc::kernel::metro

PATCHC_OBJECT(Metro) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::metro;
  spec.doc = "A metronome: a trigger (1 for one sample) every `time` seconds, from the first sample after play().";
  spec.input(kTime, signal("time", 1.0f, "time between triggers in seconds"));
  spec.input(kPoly, within(constant("poly", 1.0f, "voices, each offset by time/poly (patchc makes one)"),
                           {1.0f, 1.5f, true, "pyo 1.0.4 makes no voice; patchc one",
                            "pyo 1.0.4 makes poly streams, the i-th offset by i·time/poly; patchc makes one (not "
                            "supported yet)",
                            "pyo 1.0.4 refuses it (it takes an int); patchc makes one voice"}));
  spec.input(kPlaying, playing());
  spec.facts = oscillatorFacts(0.2f);
  spec.stateBytes = sizeof(kernel::metro::State);
  spec.generator = true;
  spec.bipolar = false;
  spec.facts.outputRange = always({0.0f, 1.0f});
  spec.algorithm =
      "pyo's clock: 1/sr seconds a sample summed in double; the first sample after play() triggers, then the "
      "sample after the clock reaches time (which it then loses); a stop() freezes the clock, a play() resumes it";
  spec.differences =
      "the same trigger samples as pyo 1.0.4 (measured; a constant time is taken as the decimal the script wrote, "
      "as pyo's double). poly > 1 is not supported (one voice)";
}
