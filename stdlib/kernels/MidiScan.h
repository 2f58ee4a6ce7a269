// MidiScan: the MIDI messages CtlScan, CtlScan2 and RawMidi call their functions with, one per sample, each
// encoded as one number the patch's control code decodes (elab/Midi.cpp; ir/Control.h's OnNonZero timers).
// Internal: the elaborator makes it for those objects.
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/MidiEvents.h"

namespace patchc::kernel::midiscan {
enum Input { kMode, kMidi };

// What is scanned (the hidden `mode`): control changes (CtlScan: `changed` when the controller number is not the
// last one's; CtlScan2: when the number or the channel is not), or every channel message (RawMidi: always
// `changed`).
enum Mode { kControllers, kControllersAndChannels, kEveryMessage };

// The number for a message: 0 is none. Below 2^24, so a float holds it exactly.
inline constexpr int kChanged = 1 << 22;
inline float encode(bool changed, int status, int data1, int data2) {
  return static_cast<float>(1 + (changed ? kChanged : 0) + status * 16384 + data1 * 128 + data2);
}

// Messages that arrive on the same sample (a chord; a live block's messages, which share its first sample) are
// handed out one per sample from there on: at most kPending wait, later ones are dropped.
inline constexpr int kPending = 255;

struct State {
  midi::Clock clock;
  int32_t lastNumber;   // the last controller number (−1: none yet)
  int32_t lastChannel;
  int32_t head, count;  // the messages waiting, in `pending`
  float pending[kPending];
  float padding;
};
}  // namespace patchc::kernel::midiscan

PATCHC_OBJECT(MidiScan) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::midiscan;
  spec.doc = "The MIDI messages CtlScan, CtlScan2 and RawMidi call their functions with, encoded one per sample.";
  spec.input(kMode, hidden("mode", 0.0f, "0: controllers (CtlScan), 1: controllers and channels (CtlScan2), 2: every "
                                         "channel message (RawMidi)"));
  spec.input(kMidi, midiEvents());
  spec.facts.cost = 0.05f;
  spec.facts.watched = true;
  spec.facts.timeInvariant = false;
  spec.stateBytes = sizeof(kernel::midiscan::State);
  spec.generator = true;
  spec.bipolar = false;
  spec.internal = true;
  spec.algorithm = "0, or on a message's sample 1 + changed·2^22 + status·16384 + data1·128 + data2; messages on the "
                   "same sample follow one per sample";
  spec.differences = "pyo calls the function while computing the block's buffer; patchc at the message's sample (a "
                     "few samples later for messages that share one)";
}
