// SfPlayer(path, speed, loop, offset, interp, fileSampleRate): per-lane state.
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::sfplayer {

struct State {
  double position;  // read position in the file's samples
  int finished;     // 1 once a non-looping player ran off either end of the sound
  int started;      // the first process call chose the start from the speed's sign
};

enum Input { kPath, kSpeed, kLoop, kOffset, kInterp, kFileSampleRate };

}  // namespace patchc::kernel::sfplayer

PATCHC_OBJECT(SfPlayer) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::sfplayer;
  spec.doc = "Plays a sound file read when compiling, at a given speed, once or looped.";
  spec.input(kPath, array("path", "the sound file; the compiler reads it and gives each lane one channel"));
  spec.input(kSpeed, signal("speed", 1.0f, "playback rate: 1 the original pitch, negative plays backwards"));
  spec.input(kLoop, constant("loop", 0.0f, "1: play in a loop, 0: once, then output 0"));
  spec.input(kOffset, constant("offset", 0.0f, "seconds of the sound skipped at the start (and at each loop)"));
  spec.input(kInterp, within(constant("interp", 2.0f, "interpolation: 1 none, 2 linear, 3 cosine, 4 cubic"),
                             {1.0f, 4.0f, true,
                              "pyo 1.0.4 reads 0 as 2 (linear) and has no interpolation below 0; patchc uses 1 (none)",
                              "pyo 1.0.4 has no interpolation for it; patchc uses 4 (cubic)",
                              "pyo 1.0.4 refuses it (interp takes an int); patchc uses its whole part"}));
  spec.input(kFileSampleRate, hidden("fileSampleRate", 0.0f, "the sound file's sample rate (0: the server's)"));
  spec.facts = oscillatorFacts(1.0f);
  spec.stateBytes = sizeof(kernel::sfplayer::State);
  spec.generator = true;
  spec.algorithm =
      "the elaborator reads the file (one lane per channel, an Array input); position starts "
      "at offset, steps speed·fileRate/sr; loops inside [offset, end); a negative speed at init starts at the "
      "end; interp 1 none, 2 linear, 3 cosine, 4 Catmull-Rom cubic; after the end, 0";
  spec.differences =
      "pyo reads `speed` once per block, patchc every sample. pyo 1.0.4's SfPlayer fails "
      "under Python 3.11 here, so it was not measured";
  spec.streamsNotYet = {"trig"};  // the end-of-file (or wrap-around) triggers
}
