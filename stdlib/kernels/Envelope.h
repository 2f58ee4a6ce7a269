// Fader and Linseg: per-lane state. Both count the samples since they started, in a double (exact integers up
// to 2^53 samples), so their breakpoints land on the same samples however long they run.
#pragma once

namespace patchc::kernel::envelope {

struct State {
  double elapsed;  // samples since the envelope started (since the start of the current cycle when looping)
  int segment;     // Linseg: the segment [point k, point k+1] that holds `elapsed`
};

}  // namespace patchc::kernel::envelope
