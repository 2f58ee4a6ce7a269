// Fader and Linseg: per-lane state. Both count the samples since they started, in a double (exact integers up
// to 2^53 samples), so their breakpoints land on the same samples however long they run.
#pragma once

namespace patchc::kernel::envelope {

struct State {
  double elapsed;  // samples since the envelope (re)started, or since stop() while releasing
  int segment;     // Linseg: the segment [point k, point k+1] that holds `elapsed`
  float playing;   // the `playing` input last seen (stdlib/Declare.h's playing(): a generation, or minus one)
  float from;      // Fader: the level a restart rises from, or a release falls from
  float last;      // the last sample output
  int releasing;   // Fader: stop() started its fade-out
};

}  // namespace patchc::kernel::envelope
