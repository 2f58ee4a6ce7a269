// TableMorph(input, table, sources): writes into a table, every block, the mix of two neighbouring tables of a
// list that its input picks (TableMorph.cpp). The written table lives in the patch's state (docs/tables.md).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::tablemorph {

struct State {
  long pointer;  // the table's recording position (pyo's recordChunk)
};

enum Input { kInput, kTable, kSources, kTableFeedback };

}  // namespace patchc::kernel::tablemorph

PATCHC_OBJECT(TableMorph) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::tablemorph;
  spec.doc = "Writes into a table, every block, the mix of two neighbouring tables of a list: input 0 is the first, "
             "1 the last; outputs nothing.";
  spec.input(kInput, audio("input", "the morphing position, 0 to 1 (its first sample in each block is used)"));
  spec.input(kTable, writtenTable("table", "the table written"));
  spec.input(kSources, tableList("sources", "two or more tables (their first channels) to morph between"));
  spec.input(kTableFeedback, tableFeedback("the mix"));
  spec.facts.cost = 0.5f;
  spec.stateBytes = sizeof(kernel::tablemorph::State);
  outputsNothing(spec);
  spec.algorithm =
      "as pyo, every block: x = the input's first sample held to [0, 0.999999], p = x·(count − 1); the tables "
      "k = int(p) and k + 1 are mixed with weights 1 − frac(p) and frac(p) over the smallest of the three sizes, and "
      "written as pyo's recordChunk does: from the table's recording position on, each sample mix + old · feedback, "
      "the guard point set to the first sample when the position wraps at the end";
  spec.differences =
      "the sources are read when compiling (a source that something writes while playing is an error). The table "
      "is written every 64 samples (pyo's buffersize=64), or at each part of a block between two callbacks' events. "
      "pyo 1.0.4 starts recording into a DataTable at a position it never set (measured: a rotated table, or none); "
      "patchc starts at 0 as for a NewTable";
}
