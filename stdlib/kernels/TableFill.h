// TableFill(input, table): writes its input into a table continuously, around and around (TableFill.cpp). The
// table lives in the patch's state (docs/tables.md).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::tablefill {

struct State {
  long pointer;  // the next sample of the table written
};

enum Input { kInput, kTable };

}  // namespace patchc::kernel::tablefill

PATCHC_OBJECT(TableFill) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::tablefill;
  spec.doc = "Writes its input into a table sample by sample, from its start and around again; outputs nothing.";
  spec.input(kInput, audio("input", "the signal written (one stream per channel of the table)"));
  spec.input(kTable, writtenTable("table", "the table written"));
  spec.facts.cost = 0.3f;
  spec.stateBytes = sizeof(kernel::tablefill::State);
  outputsNothing(spec);
  spec.algorithm =
      "as pyo: from when it is made, sample i of the input goes to the table's sample i mod size (no fade, no "
      "feedback); the guard point is left as it was, as pyo leaves it";
  spec.differences =
      "its table is written before any object reads it in the same block, whatever the order they were made in "
      "(pyo runs objects in the order they were made)";
}
