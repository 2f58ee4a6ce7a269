// TableScan(table): a table's samples in order, one a sample, over and over (TableScan.cpp).
#pragma once

#include "stdlib/Declare.h"
#include "stdlib/kernels/TableValues.h"

namespace patchc::kernel::tablescan {

struct State {
  double next;  // the index of the next sample to read (a whole number below the table's size)
};

enum Input { kTable };

}  // namespace patchc::kernel::tablescan

PATCHC_OBJECT(TableScan) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::tablescan;
  spec.doc = "Reads a table's samples in order, one per sample, looping at its end.";
  spec.input(kTable, table("table", "the table read (each channel gives a stream)"));
  spec.facts = oscillatorFacts(0.3f);
  spec.facts.outputRange = withinTable(kTable, true);  // its numbers (0 for an empty table)
  spec.stateBytes = sizeof(State);
  spec.generator = true;
  spec.algorithm = "sample k mod size of the table at sample k";
  spec.differences = "as pyo";
}
