// TableRec(input, table, fadetime): records its input into a table once, from the table's start, on play()
// (TableRec.cpp). The table lives in the patch's state while it plays (docs/tables.md).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::tablerec {

struct State {
  long pointer;   // the next sample of the table to record
  float playing;  // the last `playing` seen (the play()/stop() generation)
  int recording;  // 1 from play() until the table is full or stop()
};

enum Input { kInput, kTable, kFadetime, kTableFeedback, kPlaying };

}  // namespace patchc::kernel::tablerec

PATCHC_OBJECT(TableRec) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::tablerec;
  spec.doc = "Records its input into a table from its start until it is full, each time it is played; outputs nothing.";
  spec.input(kInput, audio("input", "the signal recorded (one stream per channel of the table)"));
  spec.input(kTable, writtenTable("table", "the table recorded into (NewTable, DataTable)"));
  spec.input(kFadetime, constant("fadetime", 0.0f,
                                 "fade in and out, in seconds, at the ends of the recording (at most 0.499 of it)"));
  spec.input(kTableFeedback, tableFeedback("input"));
  spec.input(kPlaying, playing());
  spec.facts.cost = 0.5f;
  spec.facts.timeInvariant = false;  // play() starts it
  spec.stateBytes = sizeof(kernel::tablerec::State);
  outputsNothing(spec);
  spec.algorithm =
      "as pyo: play() starts at the table's sample 0; sample i of the recording writes input · fade + old · "
      "feedback, the fade rising over floor(fadetime·sr) samples from 0 and falling to 0 at the end; when the last "
      "sample is written the guard point becomes the first sample and the recording ends; stop() ends it. "
      "Silent until play() (pyo does not start it when made)";
  spec.differences =
      "its table is written before any object reads it in the same block, whatever the order they were made in (pyo "
      "runs objects in the order they were made: a reader made before the TableRec reads the previous block's "
      "samples). stop(wait) stops at once";
  spec.streamsNotYet = {"trig", "time"};  // the end-of-recording triggers, the recording time
}
