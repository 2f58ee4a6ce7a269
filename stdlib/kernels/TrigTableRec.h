// TrigTableRec(input, trig, table, fadetime): records its input into a table from its start at each trigger
// that comes while it is not recording (TrigTableRec.cpp). The table lives in the patch's state (docs/tables.md).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::trigtablerec {

struct State {
  long pointer;  // the next sample of the table to record
  int active;    // recording
};

enum Input { kInput, kTrig, kTable, kFadetime, kTableFeedback };

}  // namespace patchc::kernel::trigtablerec

PATCHC_OBJECT(TrigTableRec) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::trigtablerec;
  spec.doc = "Records its input into a table from its start, until it is full, at each trigger that comes while it is "
             "not recording; outputs nothing.";
  spec.input(kInput, audio("input", "the signal recorded (one stream per channel of the table)"));
  spec.input(kTrig, audio("trig", "triggers (1.0 on the sample) that start a recording"));
  spec.input(kTable, writtenTable("table", "the table recorded into (NewTable, DataTable)"));
  spec.input(kFadetime, constant("fadetime", 0.0f,
                                 "fade in and out, in seconds, at the ends of the recording (at most 0.499 of it)"));
  spec.input(kTableFeedback, tableFeedback("input"));
  spec.facts.cost = 0.5f;
  spec.stateBytes = sizeof(kernel::trigtablerec::State);
  outputsNothing(spec);
  spec.algorithm =
      "as pyo, block by block: while not recording, the first sample of the block where trig is exactly 1 starts a "
      "recording at the table's sample 0 (the rest of that block is recorded, later triggers in it are ignored); "
      "while recording, a block records up to the end of the table, which ends the recording (triggers in that "
      "block are ignored). Each sample is input · fade + old · feedback, the fade rising over round(fadetime·sr + "
      "0.5) samples and falling after size − fade; writing the last sample copies the first into the guard point. "
      "A table shorter than a block records at most the rest of the trigger's block";
  spec.differences =
      "a block is 64 samples (pyo's buffersize=64), or the part of one between two callbacks' events. Its table is "
      "written before any object reads it in the same block, whatever the order they were made in";
  spec.streamsNotYet = {"trig", "time"};  // the end-of-recording triggers, the recording time
}
