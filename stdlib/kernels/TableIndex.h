// TableIndex(table, index): a table's sample at a whole-number index (TableIndex.cpp).
#pragma once

#include "stdlib/Declare.h"

namespace patchc::kernel::tableindex {
enum Input { kTable, kIndex };
}

PATCHC_OBJECT(TableIndex) {
  using namespace patchc;
  using namespace patchc::declare;
  using namespace patchc::kernel::tableindex;
  spec.doc = "Reads a table's sample at an index given in samples (no interpolation).";
  spec.input(kTable, table("table", "the table read (each channel gives a stream)"));
  spec.input(kIndex, audio("index", "the sample's index, truncated, held inside the table"));
  spec.facts = oscillatorFacts(0.3f);
  spec.facts.stateless = true;
  spec.algorithm = "table[int(index)], the index truncated toward 0 and held within [0, size - 1], as pyo";
}
